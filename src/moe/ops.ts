// Counted building blocks: each wraps a kernel from kernels.ts and adds to the Counters exactly the
// FLOPs and bytes that formulas.ts states for it (weights once per call = once per step).
import { matmul, rmsnorm, swiglu } from './kernels.ts';
import type { Counters } from './counters.ts';
import type { ExpertWeights } from './weights.ts';

export interface Bytes {
  bw: number;
  ba: number;
}

/** out[n×m] = x[n×k]·Wᵀ (W stored [m×k]); 2nkm FLOPs, W read once, x read and out written. */
export function linear(
  c: Counters,
  comp: string,
  b: Bytes,
  x: Float32Array,
  n: number,
  k: number,
  w: Float32Array,
  m: number,
): Float32Array {
  const out = new Float32Array(n * m);
  matmul(x, n, k, w, m, out);
  c.add(comp, { flop: 2 * n * k * m, weights: k * m * b.bw, activations: n * (k + m) * b.ba });
  return out;
}

export function norm(c: Counters, b: Bytes, x: Float32Array, n: number, d: number, g: Float32Array): Float32Array {
  const out = new Float32Array(n * d);
  rmsnorm(x, n, d, g, out);
  c.add('norm', { flop: 4 * n * d, weights: d * b.bw, activations: 2 * n * d * b.ba });
  return out;
}

/** x += y (residual), n·d FLOPs; reads both, writes x. */
export function residual(c: Counters, b: Bytes, x: Float32Array, y: Float32Array): void {
  for (let i = 0; i < x.length; i++) x[i] += y[i];
  c.add('residual', { flop: x.length, activations: 3 * x.length * b.ba });
}

/** SwiGLU FFN over n rows: W13 (2f outputs), silu(a)·b, W2 (d outputs); 6dfn + 4fn FLOPs. */
export function swigluFfn(
  c: Counters,
  comp: string,
  b: Bytes,
  x: Float32Array,
  n: number,
  d: number,
  w: ExpertWeights,
): Float32Array {
  const f = w.f;
  const h = linear(c, comp, b, x, n, d, w.w13, 2 * f);
  const a = new Float32Array(n * f);
  swiglu(h, n, f, a);
  c.add(comp, { flop: 4 * n * f, activations: 3 * n * f * b.ba });
  return linear(c, comp, b, a, n, f, w.w2, d);
}
