// Per-expert load profiles: normalising a measured histogram (the micro-MoE calibration's load per
// expert) and synthesising one with a given imbalance (max/mean) when only that scalar is known.
// Invariant: a profile is a list of non-negative weights with a positive sum; the synthetic profile
// is Zipf-shaped, w_e = (e+1)^-s, with s solved so that max/mean equals the requested imbalance.

/** Normalised weights (sum 1); throws on an empty, negative or all-zero histogram. */
export function normaliseLoads(loads: readonly number[]): Float64Array {
  if (loads.length === 0) throw new RangeError('expert load histogram is empty');
  let sum = 0;
  for (const x of loads) {
    if (!(x >= 0 && Number.isFinite(x))) throw new RangeError(`expert loads must be finite and >= 0 (got ${x})`);
    sum += x;
  }
  if (!(sum > 0)) throw new RangeError('expert load histogram sums to 0');
  return Float64Array.from(loads, (x) => x / sum);
}

/** max / mean of a load histogram. */
export function imbalanceOf(loads: ArrayLike<number>): number {
  let max = 0,
    sum = 0;
  for (let i = 0; i < loads.length; i++) {
    max = Math.max(max, loads[i]);
    sum += loads[i];
  }
  return sum > 0 ? (max * loads.length) / sum : 1;
}

/** A Zipf-shaped histogram over `experts` with max/mean = imbalance (1 = uniform). */
export function zipfLoads(experts: number, imbalance: number): number[] {
  if (!Number.isSafeInteger(experts) || experts < 1)
    throw new RangeError(`experts must be an integer >= 1 (got ${experts})`);
  if (!(imbalance >= 1 && imbalance <= experts))
    throw new RangeError(`imbalance must be in [1, experts=${experts}] (got ${imbalance})`);
  const shape = (s: number): number[] => Array.from({ length: experts }, (_, e) => (e + 1) ** -s);
  if (imbalance === 1 || experts === 1) return shape(0);
  // max/mean rises monotonically with s from 1 (s=0) toward `experts`: bisect on s.
  let lo = 0,
    hi = 1;
  while (imbalanceOf(shape(hi)) < imbalance && hi < 1e3) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (imbalanceOf(shape(mid)) < imbalance) lo = mid;
    else hi = mid;
  }
  return shape(hi);
}
