// Per-kernel accounting of FLOPs and HBM bytes (weights, activations, KV cache reads and writes)
// by phase, layer and component, plus all-to-all bytes by phase and MoE layer. Invariant: counts
// only grow; a kernel adds exactly what it computed and moved (formulas.ts states the conventions).

export const PHASES = ['prefill', 'decode'] as const;
export type Phase = (typeof PHASES)[number];

export interface Tally {
  flop: number;
  weights: number;
  activations: number;
  kv_read: number;
  kv_write: number;
}

export const emptyTally = (): Tally => ({ flop: 0, weights: 0, activations: 0, kv_read: 0, kv_write: 0 });

export interface A2aTally {
  intra_node: number;
  inter_node: number;
  copies: number;
  remote_copies: number;
}

/** Layer index used for kernels outside the decoder layers (embedding, position, final norm, head). */
export const OUTSIDE = -1;

export class Counters {
  phase: Phase = 'prefill';
  layer = OUTSIDE;
  private readonly tallies = new Map<string, Tally>();
  private readonly a2a = new Map<string, A2aTally>();

  add(component: string, t: Partial<Tally>): void {
    const key = `${this.phase}|${this.layer}|${component}`;
    let cur = this.tallies.get(key);
    if (!cur) {
      cur = emptyTally();
      this.tallies.set(key, cur);
    }
    cur.flop += t.flop ?? 0;
    cur.weights += t.weights ?? 0;
    cur.activations += t.activations ?? 0;
    cur.kv_read += t.kv_read ?? 0;
    cur.kv_write += t.kv_write ?? 0;
  }

  addA2a(t: A2aTally): void {
    const key = `${this.phase}|${this.layer}`;
    const cur = this.a2a.get(key) ?? { intra_node: 0, inter_node: 0, copies: 0, remote_copies: 0 };
    cur.intra_node += t.intra_node;
    cur.inter_node += t.inter_node;
    cur.copies += t.copies;
    cur.remote_copies += t.remote_copies;
    this.a2a.set(key, cur);
  }

  /** Sum of tallies matching the filter (undefined fields match all). */
  sum(filter: { phase?: Phase; layer?: number; component?: string } = {}): Tally {
    const out = emptyTally();
    for (const [key, t] of this.tallies) {
      const [phase, layer, component] = key.split('|');
      if (filter.phase !== undefined && phase !== filter.phase) continue;
      if (filter.layer !== undefined && Number(layer) !== filter.layer) continue;
      if (filter.component !== undefined && component !== filter.component) continue;
      out.flop += t.flop;
      out.weights += t.weights;
      out.activations += t.activations;
      out.kv_read += t.kv_read;
      out.kv_write += t.kv_write;
    }
    return out;
  }

  /** FLOPs by component for one phase (or both). */
  flopsByComponent(phase?: Phase): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, t] of this.tallies) {
      const [p, , component] = key.split('|');
      if (phase !== undefined && p !== phase) continue;
      out[component] = (out[component] ?? 0) + t.flop;
    }
    return out;
  }

  a2aSum(filter: { phase?: Phase; layer?: number } = {}): A2aTally {
    const out = { intra_node: 0, inter_node: 0, copies: 0, remote_copies: 0 };
    for (const [key, t] of this.a2a) {
      const [phase, layer] = key.split('|');
      if (filter.phase !== undefined && phase !== filter.phase) continue;
      if (filter.layer !== undefined && Number(layer) !== filter.layer) continue;
      out.intra_node += t.intra_node;
      out.inter_node += t.inter_node;
      out.copies += t.copies;
      out.remote_copies += t.remote_copies;
    }
    return out;
  }

  reset(): void {
    this.tallies.clear();
    this.a2a.clear();
  }
}
