// Lead times from order to landing: lognormal with a given median and 90th percentile (the one
// distribution module, src/distributions/), drawn by inverse transform from a named stream per
// buildout kind, so adding draws of one kind never shifts another kind's.
import { quantileOf } from '../distributions/quantile.ts';
import type { Rng } from '../engine/rng.ts';

export function drawLeadTime(rng: Rng, spec: { median_years: number; p90_years: number }): number {
  if (!(spec.p90_years > spec.median_years) || !(spec.median_years > 0)) return spec.median_years;
  return quantileOf({ dist: 'lognormal', median: spec.median_years, p90: spec.p90_years }, rng.next());
}
