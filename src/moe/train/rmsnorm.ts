// RMSNorm y = x·r·g with r = 1/√(mean(x²) + ε), forward and backward. ε = 1e-6 as in the inference
// kernel (kernels.ts rmsnorm, Llama/Mixtral configs), so trained weights mean the same at inference.
// Invariant: the forward stores r per row; the backward needs it and x.
import type { Buf } from '../kern/buf.ts';

const EPS = 1e-6;

export function rmsnormForward(
  x: Buf,
  xo: number,
  n: number,
  d: number,
  g: Buf,
  y: Buf,
  yo: number,
  inv: Buf,
  io: number,
): void {
  for (let i = 0; i < n; i++) {
    const a = xo + i * d,
      b = yo + i * d;
    let ss = 0;
    for (let j = 0; j < d; j++) ss += x[a + j] * x[a + j];
    const r = 1 / Math.sqrt(ss / d + EPS);
    inv[io + i] = r;
    for (let j = 0; j < d; j++) y[b + j] = x[a + j] * r * g[j];
  }
}

/** dx (+)= r·g⊙dy − x·r³·Σ(dy⊙g⊙x)/d; dg += Σ_rows dy⊙x·r. */
export function rmsnormBackward(
  x: Buf,
  xo: number,
  n: number,
  d: number,
  g: Buf,
  inv: Buf,
  io: number,
  dy: Buf,
  dyo: number,
  dg: Buf,
  dx: Buf,
  dxo: number,
  accumulate: boolean,
): void {
  for (let i = 0; i < n; i++) {
    const a = xo + i * d,
      b = dyo + i * d,
      c = dxo + i * d,
      r = inv[io + i];
    let s = 0;
    for (let j = 0; j < d; j++) s += dy[b + j] * g[j] * x[a + j];
    const k = (r * r * r * s) / d;
    for (let j = 0; j < d; j++) {
      const v = r * g[j] * dy[b + j] - x[a + j] * k;
      dx[c + j] = accumulate ? dx[c + j] + v : v;
      dg[j] += dy[b + j] * x[a + j] * r;
    }
  }
}
