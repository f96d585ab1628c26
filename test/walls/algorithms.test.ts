import { describe, expect, test } from 'vitest';
import { test as fcTest, fc } from '@fast-check/vitest';
import { algorithmicGain } from '../../src/demand/algorithmic-gain.ts';
import { algorithmsWall } from '../../src/walls/algorithms.ts';

const steady = { halving_years: 0.5, halving_slowdown_per_year: 0, max_gain: Number.MAX_VALUE };

describe('algorithmicGain', () => {
  test('a 6-month halving gives 2^4 = 16x after two years', () => {
    expect(algorithmicGain(steady, 2)).toBeCloseTo(16, 12);
  });
  test('1 at the start and before it', () => {
    expect(algorithmicGain(steady, 0)).toBe(1);
    expect(algorithmicGain(steady, -1)).toBe(1);
  });
  test('a slowdown: h0 = 1 yr, +1 yr/yr, one year later gives ln(2) doublings = 2^0.693 = 1.617x', () => {
    expect(
      algorithmicGain({ halving_years: 1, halving_slowdown_per_year: 1, max_gain: Number.MAX_VALUE }, 1),
    ).toBeCloseTo(Math.pow(2, Math.LN2), 12);
  });
  test('the ceiling caps the gain', () => {
    expect(algorithmicGain({ ...steady, max_gain: 100 }, 10)).toBe(100);
  });
  fcTest.prop([
    fc.double({ min: 0.1, max: 5, noNaN: true }),
    fc.double({ min: 0, max: 3, noNaN: true }),
    fc.double({ min: 0, max: 30, noNaN: true }),
  ])('a slowdown never gives more gain than steady progress', (h, s, t) => {
    const base = { halving_years: h, halving_slowdown_per_year: 0, max_gain: Number.MAX_VALUE };
    expect(algorithmicGain({ ...base, halving_slowdown_per_year: s }, t)).toBeLessThanOrEqual(
      algorithmicGain(base, t) * (1 + 1e-12),
    );
  });
});

describe('algorithmsWall', () => {
  test('headroom is the achieved gain over the assumed gain', () => {
    const w = algorithmsWall(1e27, 4, 8);
    expect(w.headroom).toBeCloseTo(0.5, 12);
    expect(w.permitted_flop).toBeCloseTo(1e27 / 8, 0);
    expect(w.limited_by).toBe('progress below the assumed rate');
  });
});
