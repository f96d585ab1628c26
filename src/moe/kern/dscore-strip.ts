// The softmax backward of one strip of the TypeScript attention's backward pass (attention-ts.ts):
// probabilities from P and the row's 1/Σ, then dS = scale·P⊙(dP − Σₜ P·dP), written in the strip
// layout the dQ tiles read and row-major for the dK/dV tiles.
// Invariant: each row's Σₜ P·dP adds its terms in key order, whichever loop takes them, so the
// four-row fast path gives the bits of the row-by-row loop.
import type { Buf } from './buf.ts';

/** The scratch rows dScoreStrip reads (dpb) and writes (dss, dsr, pr; dots: 4 per-row sums). */
export interface DScoreScratch {
  dpb: number[];
  dss: number[];
  dsr: number[];
  pr: number[];
  dots: number[];
}

/**
 * dS = scale·P⊙(dP − Σₜ P·dP) for the strip's rows (dP in x.dpb, rows of Tp; the probability of row
 * r is P[p0 + r·T + t]·P[inv0 + r]), into the strip layout x.dss[i0·Tp + 4t + r] and row-major
 * x.dsr[i·Tp + t], with the probabilities row-major into x.pr; zero where masked or padded, t < i0 + 4.
 * A full strip takes the keys below the diagonal four rows at a time (dots[r] carries row r's
 * sum on to its diagonal part, still in key order).
 */
export function dScoreStrip(
  P: Buf,
  p0: number,
  inv0: number,
  T: number,
  Tp: number,
  i0: number,
  rows: number,
  scale: number,
  x: DScoreScratch,
): void {
  const { dpb, dss, dsr, pr, dots } = x,
    so = i0 * Tp,
    t0 = rows === 4 ? i0 : 0;
  if (rows === 4) quadProbs(P, p0, inv0, T, dpb, Tp, i0, x);
  else dots.fill(0, 0, 4);
  for (let r = 0; r < 4; r++) {
    const n = r < rows ? i0 + r + 1 : 0,
      o = r * Tp,
      ro = (i0 + r) * Tp,
      pp = p0 + r * T,
      iv = n > 0 ? P[inv0 + r] : 0;
    let dot = dots[r];
    for (let t = t0; t < n; t++) {
      const pv = P[pp + t] * iv;
      pr[ro + t] = pv;
      dot += pv * dpb[o + t];
    }
    dots[r] = dot;
  }
  if (rows === 4) quadDScores(Tp, i0, scale, x);
  for (let r = 0; r < 4; r++) {
    const n = r < rows ? i0 + r + 1 : 0,
      o = r * Tp,
      ro = (i0 + r) * Tp,
      dot = dots[r];
    for (let t = t0; t < n; t++) {
      const ds = scale * pr[ro + t] * (dpb[o + t] - dot);
      dss[so + 4 * t + r] = ds;
      dsr[ro + t] = ds;
    }
    for (let t = n; t < i0 + 4; t++) {
      dss[so + 4 * t + r] = 0;
      dsr[ro + t] = 0;
      pr[ro + t] = 0;
    }
  }
}

/** Probabilities (into pr) and the partial sums Σ P·dP (into dots) of a full strip's keys t < i0. */
function quadProbs(
  P: Buf,
  p0: number,
  inv0: number,
  T: number,
  dpb: number[],
  Tp: number,
  i0: number,
  x: DScoreScratch,
): void {
  const pr = x.pr,
    iv0 = P[inv0],
    iv1 = P[inv0 + 1],
    iv2 = P[inv0 + 2],
    iv3 = P[inv0 + 3],
    q1 = p0 + T,
    q2 = q1 + T,
    q3 = q2 + T,
    r0 = i0 * Tp,
    r1 = r0 + Tp,
    r2 = r1 + Tp,
    r3 = r2 + Tp;
  let d0 = 0,
    d1 = 0,
    d2 = 0,
    d3 = 0;
  for (let t = 0; t < i0; t++) {
    const v0 = P[p0 + t] * iv0,
      v1 = P[q1 + t] * iv1,
      v2 = P[q2 + t] * iv2,
      v3 = P[q3 + t] * iv3;
    pr[r0 + t] = v0;
    pr[r1 + t] = v1;
    pr[r2 + t] = v2;
    pr[r3 + t] = v3;
    d0 += v0 * dpb[t];
    d1 += v1 * dpb[Tp + t];
    d2 += v2 * dpb[2 * Tp + t];
    d3 += v3 * dpb[3 * Tp + t];
  }
  const dots = x.dots;
  dots[0] = d0;
  dots[1] = d1;
  dots[2] = d2;
  dots[3] = d3;
}

/** dS of a full strip's keys t < i0, from pr, dpb and the rows' finished dots. */
function quadDScores(Tp: number, i0: number, scale: number, x: DScoreScratch): void {
  const { dss, dsr, pr, dpb, dots } = x,
    so = i0 * Tp,
    r0 = i0 * Tp,
    r1 = r0 + Tp,
    r2 = r1 + Tp,
    r3 = r2 + Tp,
    d0 = dots[0],
    d1 = dots[1],
    d2 = dots[2],
    d3 = dots[3];
  for (let t = 0; t < i0; t++) {
    const s0 = scale * pr[r0 + t] * (dpb[t] - d0),
      s1 = scale * pr[r1 + t] * (dpb[Tp + t] - d1),
      s2 = scale * pr[r2 + t] * (dpb[2 * Tp + t] - d2),
      s3 = scale * pr[r3 + t] * (dpb[3 * Tp + t] - d3),
      z = so + 4 * t;
    dss[z] = s0;
    dss[z + 1] = s1;
    dss[z + 2] = s2;
    dss[z + 3] = s3;
    dsr[r0 + t] = s0;
    dsr[r1 + t] = s1;
    dsr[r2 + t] = s2;
    dsr[r3 + t] = s3;
  }
}
