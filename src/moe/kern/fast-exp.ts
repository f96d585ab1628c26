// A fast e^x for the float32 training path, in double arithmetic (Tang's table method, ACM TOMS
// 1989): x = (64k + j)·ln2/64 + r with |r| ≤ ln2/128, e^x = 2^k · 2^(j/64) · e^r, the last by a
// cubic (error r⁴/24 < 4e-11 relative, far below float32's 6e-8), 2^(j/64) and 2^k from tables.
// About twice as fast as Math.exp in V8. The float64 gradient tests use Math.exp (callers check
// the buffer type). Invariant: deterministic; 0 below −745, Infinity above 709, NaN for NaN.

export const LOG2E_64 = 64 * Math.LOG2E;
const LN2_64 = Math.LN2 / 64;
/** 2^(j/64), j = 0..63, and 2^k, k = MIN_K..1024 at index k − MIN_K (also read by attention-ts.ts). */
export const FRAC = Float64Array.from({ length: 64 }, (_, j) => Math.pow(2, j / 64));
export const MIN_K = -1075;
export const POW2 = Float64Array.from({ length: 1024 - MIN_K + 1 }, (_, i) => Math.pow(2, i + MIN_K));

/**
 * 2^(−i/64) for i = 0..NEAR_64, each the product FRAC·POW2 that the two-table form would give (so
 * using it changes no bit): one lookup instead of two where an exponent in 1/64ths of a binary
 * power is ≥ −NEAR_64. NEAR_64 = 64·32, e^z down to 2^−32 (z ≈ −22), covers the bulk of softmax
 * scores against their row max; 16 KB, so it stays in L1 beside a strip's panels (E).
 */
export const NEAR_64 = 64 * 32;
export const EXP2_NEAR: number[] = [];
for (let i = 0; i <= NEAR_64; i++) EXP2_NEAR.push(FRAC[-i & 63] * POW2[(-i >> 6) - MIN_K]);

export function fastExp(x: number): number {
  if (!(x > -745)) return x !== x ? NaN : 0;
  if (x > 709) return Infinity;
  const n = Math.round(x * LOG2E_64),
    r = x - n * LN2_64,
    j = n & 63;
  return FRAC[j] * POW2[(n - j) / 64 - MIN_K] * (1 + r * (1 + r * (0.5 + r * (1 / 6))));
}
