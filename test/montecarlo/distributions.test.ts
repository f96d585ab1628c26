// Each distribution's inverse CDF: nominal values, hand-worked quantiles, sampled moments against
// the analytic ones, monotonicity in u, and the inverse normal against published z values.
import { fc, test as prop } from '@fast-check/vitest';
import { mean, quantile, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/engine/rng.ts';
import type { Distribution } from '../../src/distributions/distribution.ts';
import { inverseNormal, normalCdf } from '../../src/distributions/normal.ts';
import { nominalOf, quantileOf } from '../../src/distributions/quantile.ts';

const N = 40_000;
function draws(d: Distribution, name: string): number[] {
  const rng = createRng(7, name);
  return Array.from({ length: N }, () => quantileOf(d, rng.next()));
}

describe('inverseNormal', () => {
  test('matches published z values to 1e-8', () => {
    expect(inverseNormal(0.5)).toBeCloseTo(0, 12);
    expect(inverseNormal(0.9)).toBeCloseTo(1.2815515655446004, 8);
    expect(inverseNormal(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(inverseNormal(0.001)).toBeCloseTo(-3.090232306167813, 7);
  });
  test('is finite at 0 and 1', () => {
    expect(Number.isFinite(inverseNormal(0))).toBe(true);
    expect(Number.isFinite(inverseNormal(1))).toBe(true);
  });
  test('normalCdf inverts it (to the CDF approximation error, 1.2e-7)', () => {
    for (const p of [0.01, 0.1, 0.5, 0.8, 0.99]) expect(normalCdf(inverseNormal(p))).toBeCloseTo(p, 6);
  });
});

describe('nominal values', () => {
  test('median, mode, midpoint, mean, most likely choice (first on ties)', () => {
    expect(nominalOf({ dist: 'lognormal', median: 5, p90: 10 })).toBe(5);
    expect(nominalOf({ dist: 'triangular', min: 1, mode: 2, max: 6 })).toBe(2);
    expect(nominalOf({ dist: 'uniform', min: 1, max: 3 })).toBe(2);
    expect(nominalOf({ dist: 'normal', mean: 0.4, sd: 0.1, min: 0, max: 1 })).toBe(0.4);
    expect(nominalOf({ choice: [2, 3, 4], weights: [1, 3, 1] })).toBe(3);
    expect(nominalOf({ choice: [2, 3, 4] })).toBe(2);
  });
});

describe('quantiles (hand-worked)', () => {
  test('lognormal: the p90 is the given p90, the median the median', () => {
    const d: Distribution = { dist: 'lognormal', median: 5, p90: 10 };
    expect(quantileOf(d, 0.5)).toBeCloseTo(5, 9);
    expect(quantileOf(d, 0.9)).toBeCloseTo(10, 7);
    expect(quantileOf(d, 0.1)).toBeCloseTo(2.5, 7); // symmetric in log space: 5^2/10
  });
  test('triangular: the CDF at the mode is (mode-min)/(max-min)', () => {
    const d: Distribution = { dist: 'triangular', min: 0, mode: 1, max: 4 };
    expect(quantileOf(d, 0.25)).toBeCloseTo(1, 12);
    expect(quantileOf(d, 0)).toBe(0);
    // u = 1 - (4-x)^2/(4*3): at x = 2, u = 1 - 4/12
    expect(quantileOf(d, 1 - 4 / 12)).toBeCloseTo(2, 12);
  });
  test('choice follows cumulative weights', () => {
    const d: Distribution = { choice: [10, 20, 30], weights: [1, 0, 3] };
    expect([0, 0.24, 0.25, 0.99].map((u) => quantileOf(d, u))).toEqual([10, 10, 30, 30]);
  });
  prop.prop([
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  ])('every distribution is monotone in u', (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const ds: Distribution[] = [
      { dist: 'lognormal', median: 3, p90: 7 },
      { dist: 'triangular', min: -1, mode: 0, max: 5 },
      { dist: 'uniform', min: 2, max: 3 },
      { dist: 'normal', mean: 1, sd: 2 },
      { dist: 'normal', mean: 1, sd: 2, min: 0, max: 1.5 },
      { choice: [1, 5, 9], weights: [2, 1, 1] },
    ];
    for (const d of ds) expect(quantileOf(d, lo)).toBeLessThanOrEqual(quantileOf(d, hi));
  });
});

describe('sampled moments match the analytic ones', () => {
  test('lognormal: sample median and p90 within 2%', () => {
    const xs = draws({ dist: 'lognormal', median: 11.3, p90: 14.1 }, 'ln');
    expect(quantile(xs, 0.5) / 11.3).toBeCloseTo(1, 1);
    expect(Math.abs(quantile(xs, 0.9) / 14.1 - 1)).toBeLessThan(0.02);
    // mean = median * exp(sigma^2 / 2)
    const sigma = Math.log(14.1 / 11.3) / 1.2815515655446004;
    expect(Math.abs(mean(xs) / (11.3 * Math.exp((sigma * sigma) / 2)) - 1)).toBeLessThan(0.01);
  });
  test('triangular: mean (a+b+c)/3, variance (a²+b²+c²-ab-ac-bc)/18', () => {
    const [a, c, b] = [1.3, 1.65, 2.0];
    const xs = draws({ dist: 'triangular', min: a, mode: c, max: b }, 'tri');
    expect(mean(xs)).toBeCloseTo((a + b + c) / 3, 2);
    expect(sampleStandardDeviation(xs)).toBeCloseTo(Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18), 2);
  });
  test('uniform: mean (a+b)/2, sd (b-a)/sqrt(12)', () => {
    const xs = draws({ dist: 'uniform', min: 2, max: 8 }, 'uni');
    expect(mean(xs)).toBeCloseTo(5, 1);
    expect(sampleStandardDeviation(xs)).toBeCloseTo(6 / Math.sqrt(12), 1);
  });
  test('normal: mean and sd', () => {
    const xs = draws({ dist: 'normal', mean: 0.4, sd: 0.05 }, 'nor');
    expect(mean(xs)).toBeCloseTo(0.4, 3);
    expect(sampleStandardDeviation(xs)).toBeCloseTo(0.05, 3);
  });
  test('truncated normal: inside the bounds, mean = mu + sd (phi(a) - phi(b)) / (Phi(b) - Phi(a))', () => {
    const [mu, sd, lo, hi] = [0.4, 0.1, 0.35, 0.7];
    const xs = draws({ dist: 'normal', mean: mu, sd, min: lo, max: hi }, 'tn');
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(lo);
    expect(Math.max(...xs)).toBeLessThanOrEqual(hi);
    const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
    const [a, b] = [(lo - mu) / sd, (hi - mu) / sd];
    // tolerance: 3 standard errors of the mean (sd of the truncated law < 0.1, N = 40,000)
    expect(Math.abs(mean(xs) - (mu + (sd * (phi(a) - phi(b))) / (normalCdf(b) - normalCdf(a))))).toBeLessThan(
      (3 * 0.1) / Math.sqrt(N),
    );
  });
  test('choice: frequencies within 1.5 points of the weights', () => {
    const xs = draws({ choice: [2, 3, 4], weights: [1, 2, 1] }, 'ch');
    const share = (v: number) => xs.filter((x) => x === v).length / N;
    expect(Math.abs(share(2) - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(share(3) - 0.5)).toBeLessThan(0.015);
  });
});
