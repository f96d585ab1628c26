// Shared test fixtures: small configs and a driver that runs a prefill then decode steps.
import { resolveConfig, type MicroConfig } from '../../src/moe/config.ts';
import { MicroMoE } from '../../src/moe/model.ts';

/** Deterministic router (no jitter, no bias, dropless, no node limit) over the given patch. */
export function fixedRouterConfig(patch: Record<string, unknown> = {}): MicroConfig {
  const base = {
    router: { capacity_factor: 0, jitter_eps: 0, bias_update_rate: 0 },
    placement: { max_nodes_per_token: 2 },
  };
  const merged: Record<string, unknown> = { ...base, ...patch };
  for (const k of ['router', 'placement', 'shape'] as const) {
    merged[k] = { ...(((base as Record<string, unknown>)[k] as object) ?? {}), ...((patch[k] as object) ?? {}) };
  }
  return resolveConfig(merged, 'test');
}

export const tokenAt = (i: number, vocab: number): number => (i * 131 + 7) % vocab;

/** Prefill `prompt` tokens for each of `seqs` sequences, then `steps` decode steps. */
export function run(c: MicroConfig, seqs: number, prompt: number, steps: number): MicroMoE {
  const m = new MicroMoE(c);
  const caches = m.newCaches(seqs);
  const V = c.shape.vocab;
  m.forward(
    caches,
    Array.from({ length: seqs * prompt }, (_, i) => ({ seq: Math.floor(i / prompt), token: tokenAt(i, V) })),
    'prefill',
  );
  for (let t = 0; t < steps; t++)
    m.forward(
      caches,
      Array.from({ length: seqs }, (_, b) => ({ seq: b, token: tokenAt(1000 + t * seqs + b, V) })),
      'decode',
    );
  return m;
}
