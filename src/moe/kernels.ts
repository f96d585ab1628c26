// Numeric kernels over Float32Array, without any accounting: cache-blocked matmul, RMSNorm, softmax,
// SwiGLU activation, sinusoidal positions. Invariant: every kernel is deterministic (fixed
// summation order) and writes only its `out` argument.
import type { Buf } from './kern/buf.ts';

/** Output columns per tile: a tile of W is ~32 KiB (an L1 data cache) whatever k is. */
const TILE_BYTES = 32 * 1024;

/**
 * out[n×m] = a[n×k] · Wᵀ, with W stored output-major as wt[m×k] (PyTorch's Linear layout), so each
 * output is a dot product over contiguous memory. Blocked for cache: a tile of W's rows stays in
 * L1 while every row of `a` streams past it; within it 2×2 register blocks (two rows of `a` times
 * two rows of W) halve the loads per multiply-add. Every output sums p = 0..k−1 in order in one
 * accumulator, so a row's result does not depend on n or on the blocking (decode = recompute).
 */
export function matmul(a: Buf, n: number, k: number, wt: Buf, m: number, out: Buf): void {
  const jt = Math.max(2, Math.floor(TILE_BYTES / (4 * k)) & ~1);
  for (let j0 = 0; j0 < m; j0 += jt) {
    const j1 = Math.min(m, j0 + jt);
    let i = 0;
    for (; i + 2 <= n; i += 2) tile2(a, i * k, (i + 1) * k, k, wt, j0, j1, out, i * m, (i + 1) * m);
    if (i < n) tile1(a, i * k, k, wt, j0, j1, out, i * m);
  }
}

function tile2(
  a: Buf,
  a0: number,
  a1: number,
  k: number,
  wt: Buf,
  j0: number,
  j1: number,
  out: Buf,
  o0: number,
  o1: number,
): void {
  let j = j0;
  for (; j + 2 <= j1; j += 2) {
    const w0 = j * k,
      w1 = w0 + k;
    let s00 = 0,
      s01 = 0,
      s10 = 0,
      s11 = 0;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p],
        x1 = a[a1 + p],
        y0 = wt[w0 + p],
        y1 = wt[w1 + p];
      s00 += x0 * y0;
      s01 += x0 * y1;
      s10 += x1 * y0;
      s11 += x1 * y1;
    }
    out[o0 + j] = s00;
    out[o0 + j + 1] = s01;
    out[o1 + j] = s10;
    out[o1 + j + 1] = s11;
  }
  if (j < j1) {
    const w0 = j * k;
    let s0 = 0,
      s1 = 0;
    for (let p = 0; p < k; p++) {
      const y = wt[w0 + p];
      s0 += a[a0 + p] * y;
      s1 += a[a1 + p] * y;
    }
    out[o0 + j] = s0;
    out[o1 + j] = s1;
  }
}

function tile1(a: Buf, a0: number, k: number, wt: Buf, j0: number, j1: number, out: Buf, o0: number): void {
  let j = j0;
  for (; j + 2 <= j1; j += 2) {
    const w0 = j * k,
      w1 = w0 + k;
    let s0 = 0,
      s1 = 0;
    for (let p = 0; p < k; p++) {
      const x = a[a0 + p];
      s0 += x * wt[w0 + p];
      s1 += x * wt[w1 + p];
    }
    out[o0 + j] = s0;
    out[o0 + j + 1] = s1;
  }
  if (j < j1) {
    const w0 = j * k;
    let s = 0;
    for (let p = 0; p < k; p++) s += a[a0 + p] * wt[w0 + p];
    out[o0 + j] = s;
  }
}

/** RMSNorm of n rows of width d with gain g (ε = 1e-6 as in Llama/Mixtral configs). */
export function rmsnorm(x: Float32Array, n: number, d: number, g: Float32Array, out: Float32Array): void {
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let ss = 0;
    for (let j = 0; j < d; j++) ss += x[o + j] * x[o + j];
    const inv = 1 / Math.sqrt(ss / d + 1e-6);
    for (let j = 0; j < d; j++) out[o + j] = x[o + j] * inv * g[j];
  }
}

/** In-place softmax of x[off .. off+len), max-subtracted so it never overflows. */
export function softmaxInPlace(x: Float32Array | Float64Array, off: number, len: number): void {
  let max = -Infinity;
  for (let j = off; j < off + len; j++) if (x[j] > max) max = x[j];
  let sum = 0;
  for (let j = off; j < off + len; j++) {
    const e = Math.exp(x[j] - max);
    x[j] = e;
    sum += e;
  }
  for (let j = off; j < off + len; j++) x[j] /= sum;
}

/** SwiGLU activation: h[n×2f] holds [a | b] per row; out[n×f] = silu(a)·b. */
export function swiglu(h: Float32Array, n: number, f: number, out: Float32Array): void {
  for (let i = 0; i < n; i++) {
    const hi = i * 2 * f,
      oi = i * f;
    for (let j = 0; j < f; j++) {
      const a = h[hi + j];
      out[oi + j] = (a / (1 + Math.exp(-a))) * h[hi + f + j];
    }
  }
}

/** Sinusoidal position table [positions × d] (Vaswani et al. 2017, sec. 3.5). */
export function sinusoidTable(positions: number, d: number): Float32Array {
  const t = new Float32Array(positions * d);
  for (let p = 0; p < positions; p++) {
    for (let i = 0; i < d; i += 2) {
      const angle = p / Math.pow(10000, i / d);
      t[p * d + i] = Math.sin(angle);
      if (i + 1 < d) t[p * d + i + 1] = Math.cos(angle);
    }
  }
  return t;
}
