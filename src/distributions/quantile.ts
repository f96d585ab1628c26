// Every distribution as an inverse CDF: `quantileOf(d, u)` maps u in [0, 1) to a value, so a draw
// is `quantileOf(d, rng.next())` and the p10/p90 of the sensitivity swings are `quantileOf(d, 0.1)`
// and `quantileOf(d, 0.9)` of the same function. Invariant: monotone non-decreasing in u.
import type { Distribution } from './distribution.ts';
import { inverseNormal, normalCdf } from './normal.ts';

/** z of the standard normal's 90th percentile (used to turn a p90 into a lognormal sigma). */
const Z90 = inverseNormal(0.9);

export function lognormalSigma(median: number, p90: number): number {
  return Math.log(p90 / median) / Z90;
}

function triangular(min: number, mode: number, max: number, u: number): number {
  const width = max - min;
  const split = (mode - min) / width;
  return u < split ? min + Math.sqrt(u * width * (mode - min)) : max - Math.sqrt((1 - u) * width * (max - mode));
}

function truncatedNormal(mean: number, sd: number, lo: number, hi: number, u: number): number {
  const a = normalCdf((lo - mean) / sd);
  const b = normalCdf((hi - mean) / sd);
  const x = mean + sd * inverseNormal(a + u * (b - a));
  return Math.min(Math.max(x, lo), hi); // the CDF's 1e-7 error must not leak outside the bounds
}

function choiceAt(values: number[], weights: number[] | undefined, u: number): number {
  const w = weights ?? values.map(() => 1);
  const total = w.reduce((s, x) => s + x, 0);
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    acc += w[i] / total;
    if (u < acc && w[i] > 0) return values[i];
  }
  // u beyond the accumulated sum (rounding): the last value with positive weight
  for (let i = values.length - 1; i >= 0; i--) if (w[i] > 0) return values[i];
  return values[values.length - 1];
}

/** The value at cumulative probability u (u in [0, 1)). */
export function quantileOf(d: Distribution, u: number): number {
  if ('choice' in d) return choiceAt(d.choice, d.weights, u);
  switch (d.dist) {
    case 'lognormal':
      return d.median * Math.exp(lognormalSigma(d.median, d.p90) * inverseNormal(u));
    case 'triangular':
      return triangular(d.min, d.mode, d.max, u);
    case 'uniform':
      return d.min + u * (d.max - d.min);
    case 'normal':
      if (d.min === undefined && d.max === undefined) return d.mean + d.sd * inverseNormal(u);
      return truncatedNormal(d.mean, d.sd, d.min ?? -Infinity, d.max ?? Infinity, u);
  }
}

/** The nominal value: median (lognormal), mode (triangular), midpoint (uniform), mean (normal), most likely choice (first on ties). */
export function nominalOf(d: Distribution): number {
  if ('choice' in d) {
    const w = d.weights ?? d.choice.map(() => 1);
    let best = 0;
    for (let i = 1; i < w.length; i++) if (w[i] > w[best]) best = i;
    return d.choice[best];
  }
  switch (d.dist) {
    case 'lognormal':
      return d.median;
    case 'triangular':
      return d.mode;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
      return d.mean;
  }
}
