// Wilson score interval for a binomial proportion (Wilson 1927; recommended over the normal
// "Wald" interval by Brown, Cai & DasGupta, "Interval Estimation for a Binomial Proportion", 2001):
// it stays inside [0, 1] and keeps near-nominal coverage when the count is 0 or n.
import { inverseNormal } from '../distributions/normal.ts';

export interface Interval {
  low: number;
  high: number;
}

/** The two-sided `confidence` Wilson interval for `count` successes in `n` trials (n > 0). */
export function wilsonInterval(count: number, n: number, confidence = 0.95): Interval {
  if (!(n > 0) || count < 0 || count > n)
    throw new RangeError(`wilsonInterval(${count}, ${n}): need 0 <= count <= n, n > 0`);
  const z = inverseNormal(1 - (1 - confidence) / 2);
  const p = count / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // clamp: at count 0 or n the bound is 0 or 1 exactly in theory; rounding must not cross it
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
