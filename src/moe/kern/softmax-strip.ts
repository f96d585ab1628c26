// The softmax of one forward strip of the TypeScript attention (attention-ts.ts): the exponentials
// of 4 query rows' scores less their row max, into the strip block the P·V tiles read, into P (for
// the backward pass) and their row sums. Scratch blocks are packed double JS arrays (see
// attention-ts.ts); P is the caller's float32 or float64 buffer.
// Invariants: every row sums its exponentials in key order, whatever loop takes them, so the result
// does not depend on the four-row fast path; float32 buffers use the table exp (error far below
// float32 rounding, fast-exp.ts), float64 buffers (gradient tests) use Math.exp.
import type { Buf } from './buf.ts';
import { EXP2_NEAR, FRAC, LOG2E_64, MIN_K, NEAR_64, POW2 } from './fast-exp.ts';

/** 1.5·2^52: (y + ROUND) − ROUND is y rounded to the nearest integer (ties to even) for |y| < 2^51. */
const ROUND = 6755399441055744;
/** Scores are kept in 1/64ths of a binary exponent: e^z = 2^(y/64) with y = z·64·log2 e. */
const C1 = Math.LN2 / 64,
  C2 = (C1 * C1) / 2,
  C3 = (C1 * C1 * C1) / 6;
/** e^z underflows to 0 below z = −745 (POW2's range), y = −745·64·log2 e. */
const MIN_Y = -745 * LOG2E_64;

/**
 * 2^(y/64) for a score less its row max, y ≤ 0 in 1/64ths of a binary exponent: Tang's table method
 * as fast-exp.ts, with one lookup (EXP2_NEAR, the same products) down to −NEAR_64 and two below.
 * Small enough to be inlined (a call would box its result). Module bindings read in a loop are
 * re-checked (hole, Smi or heap number) on every use; unary + lets the optimiser fold them.
 */
function exp2Over64(y: number, near: number[], frac: Float64Array, pow2: Float64Array): number {
  const round = +ROUND,
    c1 = +C1,
    c2 = +C2,
    c3 = +C3;
  if (y >= -NEAR_64) {
    const m = y + round - round,
      f = y - m;
    return near[-(m | 0)] * (1 + f * (c1 + f * (c2 + f * c3)));
  }
  if (y < MIN_Y) y = +MIN_Y;
  const m = y + round - round,
    f = y - m,
    mi = m | 0;
  return frac[mi & 63] * pow2[(mi >> 6) - (MIN_K | 0)] * (1 + f * (c1 + f * (c2 + f * c3)));
}

/**
 * Exponentials of the strip's scores sb (row r = query i0 + r, keys 0..i0 + r) less the row max
 * (mx[r] holds the max over keys < i0; the diagonal panel is scanned here), into ps[4t + r] (zero
 * where masked or padded, up to t < i0 + 4) and into P's rows from p0; inv[r] = 1 / row sum.
 * Float32 buffers: scores in 1/64ths of a binary exponent, exp2Over64; float64 (gradient tests):
 * nats, Math.exp. A full strip takes the keys below the diagonal four rows at a time (one loop's
 * checks for four exponentials); every row still sums its terms in key order.
 */
export function expStrip(
  sb: number[],
  Tp: number,
  i0: number,
  rows: number,
  exact: boolean,
  ps: number[],
  inv: number[],
  mx: number[],
  P: Buf,
  p0: number,
  T: number,
): void {
  for (let r = 0; r < rows; r++)
    for (let t = i0, o = r * Tp; t <= i0 + r; t++) if (sb[o + t] > mx[r]) mx[r] = sb[o + t];
  let t0 = 0;
  if (rows === 4 && !exact) {
    const near = EXP2_NEAR,
      frac = FRAC,
      pow2 = POW2;
    const m0 = mx[0],
      m1 = mx[1],
      m2 = mx[2],
      m3 = mx[3],
      o1 = Tp,
      o2 = 2 * Tp,
      o3 = 3 * Tp,
      q1 = p0 + T,
      q2 = q1 + T,
      q3 = q2 + T;
    let u0 = 0,
      u1 = 0,
      u2 = 0,
      u3 = 0;
    for (; t0 < i0; t0++) {
      const e0 = exp2Over64(sb[t0] - m0, near, frac, pow2),
        e1 = exp2Over64(sb[o1 + t0] - m1, near, frac, pow2),
        e2 = exp2Over64(sb[o2 + t0] - m2, near, frac, pow2),
        e3 = exp2Over64(sb[o3 + t0] - m3, near, frac, pow2),
        z = 4 * t0;
      ps[z] = e0;
      ps[z + 1] = e1;
      ps[z + 2] = e2;
      ps[z + 3] = e3;
      P[p0 + t0] = e0;
      P[q1 + t0] = e1;
      P[q2 + t0] = e2;
      P[q3 + t0] = e3;
      u0 += e0;
      u1 += e1;
      u2 += e2;
      u3 += e3;
    }
    inv[0] = u0;
    inv[1] = u1;
    inv[2] = u2;
    inv[3] = u3;
  } else inv.fill(0, 0, 4);
  rowTails(sb, Tp, i0, rows, t0, exact, ps, inv, mx, P, p0, T);
}

/**
 * The rest of expStrip row by row: keys t0..i0 + r of row r (all of them unless the four-row loop
 * ran), the masked and padded zeros, and inv[r] = 1 / row sum (inv[r] holds the sum so far). A
 * function of its own so that its exponential is inlined: V8 inlines at most 920 bytes of bytecode
 * into one function, which the four-row loop's four copies nearly use up, and a call that is not
 * inlined returns each exponential as a new heap number (measured: about a tenth of a megabyte of
 * garbage per forward call at the bench shape).
 */
function rowTails(
  sb: number[],
  Tp: number,
  i0: number,
  rows: number,
  t0: number,
  exact: boolean,
  ps: number[],
  inv: number[],
  mx: number[],
  P: Buf,
  p0: number,
  T: number,
): void {
  for (let r = 0; r < 4; r++) {
    const n = r < rows ? i0 + r + 1 : 0,
      o = r * Tp,
      pr = p0 + r * T,
      max = mx[r];
    let sum = inv[r];
    if (exact)
      for (let t = t0; t < n; t++) {
        const e = Math.exp(sb[o + t] - max);
        ps[4 * t + r] = e;
        P[pr + t] = e;
        sum += e;
      }
    else
      for (let t = t0; t < n; t++) {
        const e = exp2Over64(sb[o + t] - max, EXP2_NEAR, FRAC, POW2);
        ps[4 * t + r] = e;
        P[pr + t] = e;
        sum += e;
      }
    for (let t = n; t < i0 + 4; t++) ps[4 * t + r] = 0;
    inv[r] = 1 / sum;
  }
}
