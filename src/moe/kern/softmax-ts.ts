// Causal softmax over a block of attention score rows, forward and backward, in TypeScript.
// Row i of the block is the query at absolute position first+i; it sees keys 0..first+i, and the
// block is first+rows columns wide. Invariant: masked entries are written as exact zeros, so the
// products that follow (P·V, Pᵀ·dO, dSᵀ·Q) add nothing for them.
import type { Buf } from './buf.ts';
import { fastExp } from './fast-exp.ts';

/** P = softmax(scale·S) per row, in place (max-subtracted, so it never overflows); fastExp on float32, Math.exp on float64. */
export function softmaxCausalTs(S: Buf, s: number, ld: number, rows: number, first: number, scale: number): void {
  const exact = S instanceof Float64Array;
  const cols = first + rows;
  for (let i = 0; i < rows; i++) {
    const o = s + i * ld,
      n = first + i + 1;
    let max = -Infinity;
    for (let t = 0; t < n; t++) max = Math.max(max, S[o + t]);
    let sum = 0;
    for (let t = 0; t < n; t++) {
      const z = scale * (S[o + t] - max),
        e = exact ? Math.exp(z) : fastExp(z);
      S[o + t] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let t = 0; t < n; t++) S[o + t] *= inv;
    for (let t = n; t < cols; t++) S[o + t] = 0;
  }
}

/** dS = scale·P⊙(dP − Σₜ P·dP) per row, written over dP; the gradient of the raw scores Q·Kᵀ. */
export function softmaxCausalBackwardTs(
  P: Buf,
  p: number,
  dP: Buf,
  d: number,
  ld: number,
  rows: number,
  first: number,
  scale: number,
): void {
  const cols = first + rows;
  for (let i = 0; i < rows; i++) {
    const po = p + i * ld,
      go = d + i * ld,
      n = first + i + 1;
    let dotp = 0;
    for (let t = 0; t < n; t++) dotp += P[po + t] * dP[go + t];
    for (let t = 0; t < n; t++) dP[go + t] = scale * P[po + t] * (dP[go + t] - dotp);
    for (let t = n; t < cols; t++) dP[go + t] = 0;
  }
}
