// Load-balance and specialization measures of routing decisions:
// - MaxVio = (max_i load_i − mean load)/mean load (Wang et al. 2024, arXiv 2408.15664 eq. 4): over a
//   batch (MaxVio_batch) or over a whole evaluation set (MaxVio_global);
// - CV = std/mean of the per-expert loads (population std);
// - the sampling floor: the MaxVio a perfectly balanced random router shows on the same number of
//   tokens (multinomial noise; on ~8k tokens and 16 experts it is far from 0);
// - specialization: normalised mutual information I(expert; token class)/H(class) ∈ [0, 1].
// Invariants: MaxVio ≥ 0 and = 0 only for equal loads; NMI = 0 when experts take classes at their base rates.
import type { Rng } from '../../engine/rng.ts';

export function maxVio(loads: ArrayLike<number>): number {
  let sum = 0,
    max = 0;
  for (let i = 0; i < loads.length; i++) {
    sum += loads[i];
    max = Math.max(max, loads[i]);
  }
  const mean = sum / loads.length;
  return mean > 0 ? (max - mean) / mean : 0;
}

export function loadCv(loads: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < loads.length; i++) sum += loads[i];
  const mean = sum / loads.length;
  if (!(mean > 0)) return 0;
  let v = 0;
  for (let i = 0; i < loads.length; i++) v += (loads[i] - mean) ** 2;
  return Math.sqrt(v / loads.length) / mean;
}

/** Mean MaxVio of `trials` uniform random routings of `tokens` tokens to K distinct of N experts. */
export function uniformMaxVio(tokens: number, N: number, K: number, rng: Rng, trials = 100): number {
  const loads = new Float64Array(N),
    perm = new Int32Array(N);
  let total = 0;
  for (let r = 0; r < trials; r++) {
    loads.fill(0);
    for (let t = 0; t < tokens; t++) {
      for (let i = 0; i < N; i++) perm[i] = i;
      for (let i = 0; i < K; i++) {
        const j = rng.int(i, N - 1),
          e = perm[j];
        perm[j] = perm[i];
        perm[i] = e;
        loads[e]++;
      }
    }
    total += maxVio(loads);
  }
  return total / trials;
}

/** I(E;C)/H(C) from counts[expert][class]. */
export function specializationNmi(counts: number[][]): number {
  const C = counts[0]?.length ?? 0,
    total = counts.reduce((a, row) => a + row.reduce((b, x) => b + x, 0), 0);
  if (total === 0) return 0;
  const pc = Array.from({ length: C }, (_, c) => counts.reduce((a, row) => a + row[c], 0) / total);
  let hc = 0,
    mi = 0;
  for (const p of pc) if (p > 0) hc -= p * Math.log(p);
  for (const row of counts) {
    const pe = row.reduce((a, x) => a + x, 0) / total;
    row.forEach((x, c) => {
      const p = x / total;
      if (p > 0) mi += p * Math.log(p / (pe * pc[c]));
    });
  }
  return hc > 0 ? mi / hc : 0;
}
