// The auxiliary load-balancing loss, Switch/GShard style (Fedus et al. 2021, arXiv 2101.03961 eq. 4;
// top-K form as in Megatron and MegaBlocks, moe.md 1.5): L = α·N·Σᵢ fᵢ·Pᵢ, fᵢ = picks of expert i /
// (tokens·K) before capacity, Pᵢ = mean over tokens of the normalised affinity sᵢ/Σⱼsⱼ (for softmax
// scores Σⱼsⱼ = 1; for sigmoid scores this is DeepSeek-V3's normalisation, 2412.19437 eq. 20).
// f is a count, so only P carries gradient. Invariant: L = α exactly for a uniform router.
import type { Buf } from '../kern/buf.ts';

/** Returns L and, when `ds` is given, adds dL/ds (rows × N) into it. */
export function auxLoss(
  s: Buf,
  rows: number,
  N: number,
  picks: Int32Array,
  requested: number,
  alpha: number,
  ds: Buf | null,
): number {
  if (alpha === 0 || rows === 0 || requested === 0) return 0;
  const c = new Float64Array(N);
  for (let i = 0; i < N; i++) c[i] = (alpha * N * picks[i]) / requested / rows; // dL/dP̃ per token row
  let L = 0;
  for (let t = 0; t < rows; t++) {
    const o = t * N;
    let S = 0;
    for (let i = 0; i < N; i++) S += s[o + i];
    let cs = 0;
    for (let i = 0; i < N; i++) cs += c[i] * s[o + i];
    L += cs / S;
    if (ds) for (let j = 0; j < N; j++) ds[o + j] += (c[j] - cs / S) / S;
  }
  return L;
}
