// The MoE router of one layer: affinities (softmax or sigmoid), jitter, bias balancing, node-limited
// selection, two-stage decoupled choice, capacity with backup path, adaptive K. Tokens are routed in
// row order; state (bias, K) changes only after a whole batch, from that batch's load (past-only, as
// 2408.15664 requires). Invariants: no expert serves more than its capacity; a token's served
// experts span at most max_nodes_per_token nodes; k_min <= K <= k_max. Training reads the
// affinities, the (jittered) router input and the jitter factors from the Routing to backpropagate
// through the gates; an 'eval' route uses no jitter and changes no state (bias, K).
import type { Buf } from './kern/buf.ts';
import { sameType } from './kern/buf.ts';
import { matmul, softmaxInPlace } from './kernels.ts';
import type { RouterConfig } from './config.ts';
import { expertNode, homeDevice, type Placement } from './placement.ts';
import type { Rng } from '../engine/rng.ts';

export interface BatchStats {
  tokens: number;
  k: number;
  capacity: number;
  /** (token, expert) copies the routers wanted: tokens·K */
  requested: number;
  overflow: number;
  reroutes: number;
  drops: number;
  served: number;
  /** served tokens per expert */
  loads: Int32Array;
  /** picks per expert before capacity (what bias balancing sees) */
  requested_loads: Int32Array;
  remote: number;
  inter_node: number;
  max_nodes_spanned: number;
}

export interface Routing {
  /** per token: served experts (−1 = none) and gates, kMax slots each */
  experts: Int32Array;
  gates: Float32Array;
  slots: number;
  flop: number;
  stats: BatchStats;
  /** affinities s (rows×N, before bias), in the input's element type */
  affinity: Buf;
  /** the router's input: x itself, or x times the jitter factors */
  input: Buf;
  /** the jitter factors U(1−ε, 1+ε) per input element, when jitter was applied */
  noise?: Buf;
}

export type RouteMode = 'train' | 'eval';

/** Per-batch routing state: capacity, loads so far, device queues, monitors. */
interface Batch {
  capacity: number;
  /** capacity used for availability scores (mean load when dropless) */
  availCap: number;
  loads: Int32Array;
  requested_loads: Int32Array;
  devQueue: Float64Array;
  flop: number;
  overflow: number;
  reroutes: number;
  drops: number;
  served: number;
  remote: number;
  inter_node: number;
  max_nodes_spanned: number;
}

/** Capacity = ceil(CF·B·K/N) (MegaBlocks/Megatron form, moe.md 1.4); CF = 0 means dropless. */
function newBatch(n: number, devices: number, cf: number, rows: number, k: number): Batch {
  const capacity = cf > 0 ? Math.ceil((cf * rows * k) / n) : Infinity;
  return {
    capacity,
    availCap: Number.isFinite(capacity) ? capacity : Math.max(1, Math.ceil((rows * k) / n)),
    loads: new Int32Array(n),
    requested_loads: new Int32Array(n),
    devQueue: new Float64Array(devices),
    flop: 0,
    overflow: 0,
    reroutes: 0,
    drops: 0,
    served: 0,
    remote: 0,
    inter_node: 0,
    max_nodes_spanned: 0,
  };
}

export class Router {
  readonly bias: Float64Array;
  k: number;
  private readonly n: number;

  constructor(
    readonly d: number,
    readonly w: Buf,
    readonly cfg: RouterConfig,
    readonly top_k: number,
    readonly placement: Placement,
    readonly jitter: Rng,
  ) {
    this.n = w.length / d;
    this.bias = new Float64Array(this.n);
    this.k = top_k;
  }

  /** Affinities s (n×N) and the selection scores s + b; returns FLOPs spent. */
  private affinities(
    x: Buf,
    rows: number,
    jitter: boolean,
  ): { s: Buf; sel: Float64Array; flop: number; input: Buf; noise?: Buf } {
    const { d, n, cfg } = this;
    let input = x,
      noise: Buf | undefined,
      flop = 0;
    if (jitter && cfg.jitter_eps > 0) {
      input = sameType(x, rows * d);
      noise = sameType(x, rows * d);
      for (let i = 0; i < rows * d; i++) {
        noise[i] = 1 - cfg.jitter_eps + 2 * cfg.jitter_eps * this.jitter.next();
        input[i] = x[i] * noise[i];
      }
      flop += rows * d;
    }
    const s = sameType(x, rows * n);
    matmul(input, rows, d, this.w, n, s);
    flop += rows * (2 * d * n + 3 * n);
    for (let t = 0; t < rows; t++) {
      if (cfg.score === 'softmax') softmaxInPlace(s, t * n, n);
      else for (let e = t * n; e < (t + 1) * n; e++) s[e] = 1 / (1 + Math.exp(-s[e]));
    }
    const sel = Float64Array.from(s);
    if (cfg.bias_update_rate > 0) {
      for (let t = 0; t < rows; t++) for (let e = 0; e < n; e++) sel[t * n + e] += this.bias[e];
      flop += rows * n;
    }
    return { s, sel, flop, input, noise };
  }

  /** Experts allowed for one token under the node limit (V3: nodes ranked by their top K/m scores). */
  private allowed(sel: Float64Array, off: number): { mask: Uint8Array; flop: number } {
    const pl = this.placement,
      n = this.n,
      m = pl.max_nodes_per_token;
    const mask = new Uint8Array(n).fill(1);
    if (m >= pl.nodes) return { mask, flop: 0 };
    const per = Math.ceil(this.top_k / m),
      nodeScore: number[] = [];
    for (let g = 0; g < pl.nodes; g++) {
      const vals: number[] = [];
      for (let e = 0; e < n; e++) if (expertNode(pl, e) === g) vals.push(sel[off + e]);
      vals.sort((a, b) => b - a);
      let sum = 0;
      for (let i = 0; i < Math.min(per, vals.length); i++) sum += vals[i];
      nodeScore.push(sum);
    }
    const keep = rankDesc(nodeScore).slice(0, m);
    for (let e = 0; e < n; e++) mask[e] = keep.includes(expertNode(pl, e)) ? 1 : 0;
    return { mask, flop: pl.nodes * per };
  }

  /** Route `rows` tokens (row-major x, rows×d); a 'train' route updates bias and K from this batch afterwards. */
  route(x: Buf, rows: number, mode: RouteMode = 'train'): Routing {
    const { n, cfg } = this;
    const k = this.k,
      slots = Math.max(cfg.k_max, this.top_k);
    const { s, sel, flop: affFlop, input, noise } = this.affinities(x, rows, mode === 'train');
    const b = newBatch(n, this.placement.devices, cfg.capacity_factor, rows, k);
    const experts = new Int32Array(rows * slots).fill(-1),
      gates = new Float32Array(rows * slots);
    b.flop += affFlop;
    for (let t = 0; t < rows; t++) {
      const off = t * n;
      const { mask, flop: nodeFlop } = this.allowed(sel, off);
      b.flop += nodeFlop;
      const ranked = rankDesc(sel.subarray(off, off + n)).filter((e) => mask[e] === 1);
      const picks = cfg.shortlist > 0 ? this.twoStage(ranked, s, off, b) : ranked.slice(0, k);
      const taken = this.assign(picks, ranked, b);
      let gsum = 0;
      for (const e of taken) gsum += s[off + e];
      b.flop += 2 * taken.length;
      taken.forEach((e, i) => {
        experts[t * slots + i] = e;
        gates[t * slots + i] = s[off + e] / gsum;
      });
      this.record(t, taken, b);
    }
    const { flop, capacity, availCap: _avail, devQueue: _queue, ...monitors } = b;
    const stats: BatchStats = {
      tokens: rows,
      k,
      capacity: Number.isFinite(capacity) ? capacity : 0,
      requested: rows * k,
      ...monitors,
    };
    if (mode === 'train') this.afterBatch(stats);
    return { experts, gates, slots, flop, stats, affinity: s, input, noise };
  }

  /**
   * Stage 1 shortlists K' experts by affinity; stage 2 scores each by availability (remaining room
   * of the expert and of its device) and by skill (affinity), mixes them with weight w, keeps K.
   */
  private twoStage(ranked: number[], s: Buf, off: number, b: Batch): number[] {
    const { cfg, placement: pl } = this;
    const short = ranked.slice(0, cfg.shortlist),
      w = cfg.availability_weight,
      w1 = 1 - w;
    const invC = 1 / b.availCap,
      invCd = 1 / (b.availCap * (this.n / pl.devices));
    const mixed = short.map(
      (e) => w * (1 - 0.5 * (b.loads[e] * invC + b.devQueue[pl.expert_device[e]] * invCd)) + w1 * s[off + e],
    );
    b.flop += 8 * short.length;
    return rankDesc(mixed)
      .slice(0, this.k)
      .map((i) => short[i]);
  }

  /** Claim capacity for each pick; a full expert sends the copy to the next-best allowed expert with room (backup), else drops it. */
  private assign(picks: number[], ranked: number[], b: Batch): number[] {
    const taken: number[] = [];
    for (const e of picks) {
      b.requested_loads[e]++;
      let dest = e;
      if (b.loads[e] >= b.capacity) {
        b.overflow++;
        dest = this.cfg.backup
          ? (ranked.find((c) => b.loads[c] < b.capacity && !taken.includes(c) && !picks.includes(c)) ?? -1)
          : -1;
        if (dest < 0) {
          b.drops++;
          continue;
        }
        b.reroutes++;
      }
      taken.push(dest);
      b.loads[dest]++;
      b.devQueue[this.placement.expert_device[dest]]++;
    }
    return taken;
  }

  /** Monitors: served copies, remote and inter-node copies, nodes spanned by token `t`. */
  private record(t: number, taken: number[], b: Batch): void {
    const pl = this.placement,
      home = homeDevice(pl, t),
      nodesHit = new Set<number>();
    for (const e of taken) {
      const dev = pl.expert_device[e];
      nodesHit.add(pl.device_node[dev]);
      if (dev !== home) b.remote++;
      if (pl.device_node[dev] !== pl.device_node[home]) b.inter_node++;
    }
    b.served += taken.length;
    b.max_nodes_spanned = Math.max(b.max_nodes_spanned, nodesHit.size);
  }

  /** Bias nudge against observed load (2408.15664 Alg. 1) and the adaptive-K controller. */
  private afterBatch(st: BatchStats): void {
    const { n, cfg } = this;
    const mean = st.requested / n;
    if (cfg.bias_update_rate > 0) {
      for (let e = 0; e < n; e++) this.bias[e] += cfg.bias_update_rate * Math.sign(mean - st.requested_loads[e]);
    }
    if (cfg.adaptive_k) {
      const overflowFrac = st.requested > 0 ? st.overflow / st.requested : 0;
      const imbalance = mean > 0 ? Math.max(...st.requested_loads) / mean : 1;
      if (overflowFrac > cfg.overflow_high) this.k = Math.max(cfg.k_min, this.k - 1);
      else if (st.overflow === 0 && imbalance <= cfg.imbalance_low) this.k = Math.min(cfg.k_max, this.k + 1);
    }
  }
}

/** Indices sorted by value descending, ties by lower index (deterministic); insertion sort, N is small. */
export function rankDesc(v: ArrayLike<number>): number[] {
  const idx: number[] = [];
  for (let i = 0; i < v.length; i++) {
    let j = idx.length;
    while (j > 0 && v[idx[j - 1]] < v[i]) j--;
    idx.splice(j, 0, i);
  }
  return idx;
}
