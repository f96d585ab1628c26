// Numeric kernels over Float32Array, without any accounting: blocked matmul, RMSNorm, softmax,
// SwiGLU activation, sinusoidal positions. Invariant: every kernel is deterministic (fixed
// summation order) and writes only its `out` argument.

/** Column and depth tile sizes: a 64 x 256 float32 tile of W is 64 KiB, about an L2 slice. */
const K_TILE = 64;
const J_TILE = 256;

/**
 * out[n×m] = a[n×k] · w[k×m] (row-major). Tiled over (j, p) so a tile of W stays in cache while
 * every row of `a` streams past it; for each (i, j) the sum still runs over p in ascending order,
 * so the result equals the untiled i-p-j loop bit for bit.
 */
export function matmul(a: Float32Array, n: number, k: number, w: Float32Array, m: number, out: Float32Array): void {
  out.fill(0, 0, n * m);
  for (let j0 = 0; j0 < m; j0 += J_TILE) {
    const j1 = Math.min(m, j0 + J_TILE);
    for (let p0 = 0; p0 < k; p0 += K_TILE) {
      const p1 = Math.min(k, p0 + K_TILE);
      for (let i = 0; i < n; i++) {
        const ai = i * k, oi = i * m;
        for (let p = p0; p < p1; p++) {
          const av = a[ai + p], wp = p * m - oi;
          for (let j = oi + j0, je = oi + j1; j < je; j++) out[j] += av * w[wp + j];
        }
      }
    }
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
  for (let j = off; j < off + len; j++) { const e = Math.exp(x[j] - max); x[j] = e; sum += e; }
  for (let j = off; j < off + len; j++) x[j] /= sum;
}

/** SwiGLU activation: h[n×2f] holds [a | b] per row; out[n×f] = silu(a)·b. */
export function swiglu(h: Float32Array, n: number, f: number, out: Float32Array): void {
  for (let i = 0; i < n; i++) {
    const hi = i * 2 * f, oi = i * f;
    for (let j = 0; j < f; j++) { const a = h[hi + j]; out[oi + j] = (a / (1 + Math.exp(-a))) * h[hi + f + j]; }
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
