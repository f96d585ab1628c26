// The imbalance a router sample actually shows, by drawing it: B tokens each choose K distinct of N
// experts (uniformly, or in proportion to per-expert shares for a learned skew; weighted sampling
// without replacement by Efraimidis-Spirakis keys u^(1/w)), experts sit contiguously on `units`
// units, and the mean over draws of max/mean load per unit is returned. It is the exact chance
// floor at small batches, where the imbalance law's normal maximum is only an approximation, and
// the check of that law in the tests. Deterministic: one named seeded stream per call.
import { createRng } from '../engine/rng.ts';

export interface SampleInput {
  experts: number;
  top_k: number;
  tokens: number;
  /** Units the experts are spread over contiguously (experts for a per-expert reading). */
  units: number;
  /** Relative expert popularity (absent: uniform). */
  shares?: readonly number[];
  draws: number;
  seed: string;
}

/** Mean over draws of max/mean load per unit. */
export function sampledImbalance(x: SampleInput): number {
  const { experts: N, top_k: K, tokens: B, units: U } = x;
  if (!(K >= 1 && K <= N && U >= 1 && U <= N && B >= 1 && x.draws >= 1))
    throw new RangeError(`sampledImbalance: need 1 <= K <= N, 1 <= units <= N, tokens and draws >= 1`);
  const rng = createRng(x.seed, 'workload.sampled-imbalance');
  const unitOf = Int32Array.from({ length: N }, (_, e) => Math.floor((e * U) / N));
  const load = new Float64Array(U);
  const pick = new Int32Array(N);
  const keys = new Float64Array(N);
  let sum = 0;
  for (let d = 0; d < x.draws; d++) {
    load.fill(0);
    for (let t = 0; t < B; t++) {
      if (x.shares) topKeys(x.shares, K, rng.next, keys, pick);
      else partialShuffle(N, K, rng.next, pick);
      for (let j = 0; j < K; j++) load[unitOf[pick[j]]] += 1;
    }
    let max = 0;
    for (const l of load) max = Math.max(max, l);
    sum += max / ((B * K) / U);
  }
  return sum / x.draws;
}

/** K distinct experts uniformly: the first K places of a partial Fisher-Yates shuffle. */
function partialShuffle(n: number, k: number, next: () => number, out: Int32Array): void {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(next() * (n - i));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
}

/** K distinct experts in proportion to `w` (Efraimidis-Spirakis: the K largest u^(1/w)). */
function topKeys(w: readonly number[], k: number, next: () => number, keys: Float64Array, out: Int32Array): void {
  for (let i = 0; i < w.length; i++) keys[i] = w[i] > 0 ? Math.pow(next(), 1 / w[i]) : -1;
  for (let j = 0; j < k; j++) {
    let best = -2,
      at = 0;
    for (let i = 0; i < w.length; i++)
      if (keys[i] > best) {
        best = keys[i];
        at = i;
      }
    out[j] = at;
    keys[at] = -3;
  }
}
