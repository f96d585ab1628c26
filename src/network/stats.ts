// Summary statistics of completion times. p99 is the nearest-rank quantile (Hyndman & Fan 1996,
// definition 1): the smallest observed value with at least 99% of observations at or below it,
// so it is always an observed completion time and is monotone in every observation.
// Invariant: mean <= max, p99 <= max; inputs are not modified.

export interface Summary {
  mean_us: number;
  p99_us: number;
  max_us: number;
}

export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export function summarize(times: ArrayLike<number>): Summary {
  const a = Float64Array.from(times).sort();
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i];
  return {
    mean_us: a.length ? sum / a.length : NaN,
    p99_us: nearestRank(a, 0.99),
    max_us: a.length ? a[a.length - 1] : NaN,
  };
}
