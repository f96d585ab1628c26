// The standard normal's inverse CDF and CDF. Sampling draws by inverse transform, so the inverse
// must be accurate in the tails: simple-statistics' `probit` uses Winitzki's closed form (~1e-3
// relative error), too coarse for moment checks; Acklam's rational approximation is ~1.15e-9.
// The CDF uses simple-statistics' `errorFunction` (fractional error < 1.2e-7, Numerical Recipes).
import { errorFunction } from 'simple-statistics';

// P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution function"
// (2003): coefficients of the central and tail rational approximations.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function tail(q: number): number {
  return (
    (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
    ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
  );
}

/** z such that P(Z <= z) = p, for p in (0, 1); p at 0 or 1 is nudged inside so the result is finite. */
export function inverseNormal(p: number): number {
  const u = Math.min(Math.max(p, Number.EPSILON), 1 - Number.EPSILON);
  if (u < P_LOW) return tail(Math.sqrt(-2 * Math.log(u)));
  if (u > 1 - P_LOW) return -tail(Math.sqrt(-2 * Math.log(1 - u)));
  const q = u - 0.5;
  const r = q * q;
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  );
}

/** P(Z <= z) for the standard normal. */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}
