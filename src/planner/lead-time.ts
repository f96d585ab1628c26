// Lead times from order to landing: lognormal with a given median and 90th percentile, drawn from
// a named stream per buildout kind, so adding draws of one kind never shifts another kind's.
import type { Rng } from '../engine/rng.ts';

/** z of the standard normal's 90th percentile (probit(0.9)). */
export const Z90 = 1.2815515655446004;

export function lognormalSigma(median: number, p90: number): number {
  return median > 0 && p90 > median ? Math.log(p90 / median) / Z90 : 0;
}

export function drawLeadTime(rng: Rng, spec: { median_years: number; p90_years: number }): number {
  const sigma = lognormalSigma(spec.median_years, spec.p90_years);
  return spec.median_years * Math.exp(sigma * rng.normal(0, 1));
}
