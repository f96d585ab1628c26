import { describe, expect, test } from 'vitest';
import { quantile } from 'simple-statistics';
import { createRng } from '../../src/engine/rng.ts';
import { drawLeadTime } from '../../src/planner/lead-time.ts';
import { lognormalSigma } from '../../src/distributions/quantile.ts';

describe('lead times', () => {
  test('lognormal sigma puts the 90th percentile at p90: ln(10/5)/1.2816 = 0.5409', () => {
    expect(lognormalSigma(5, 10)).toBeCloseTo(Math.log(2) / 1.2815515655446004, 8);
    expect(lognormalSigma(5, 10)).toBeCloseTo(0.5409, 4);
  });
  test('20,000 draws have the stated median and 90th percentile within 3%', () => {
    const rng = createRng(42, 'planner.lead_time.grid');
    const xs = Array.from({ length: 20_000 }, () => drawLeadTime(rng, { median_years: 5, p90_years: 10 }));
    expect(quantile(xs, 0.5) / 5).toBeCloseTo(1, 1);
    expect(Math.abs(quantile(xs, 0.9) / 10 - 1)).toBeLessThan(0.03);
  });
  test('a fixed lead time (p90 = median) is exact', () => {
    expect(drawLeadTime(createRng(1, 'x'), { median_years: 1.5, p90_years: 1.5 })).toBe(1.5);
  });
});
