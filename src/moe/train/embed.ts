// Token embedding plus sinusoidal positions (Vaswani et al. 2017, sec. 3.5, the inference table
// kernels.ts sinusoidTable), forward and backward. Positions have no parameters: their backward is
// the identity on the residual stream. Invariant: the embedding gradient is scattered in row order.
import type { Buf } from '../kern/buf.ts';

/** x[r] = E[tok[r]] + PE[pos[r]] for n rows of width d. */
export function embedForward(
  E: Buf,
  pe: Float32Array,
  tok: Int32Array,
  pos: Int32Array,
  n: number,
  d: number,
  x: Buf,
): void {
  for (let r = 0; r < n; r++) {
    const e = tok[r] * d,
      p = pos[r] * d,
      o = r * d;
    for (let j = 0; j < d; j++) x[o + j] = E[e + j] + pe[p + j];
  }
}

/** dE[tok[r]] += dx[r]. */
export function embedBackward(dE: Buf, tok: Int32Array, n: number, d: number, dx: Buf): void {
  for (let r = 0; r < n; r++) {
    const e = tok[r] * d,
      o = r * d;
    for (let j = 0; j < d; j++) dE[e + j] += dx[o + j];
  }
}
