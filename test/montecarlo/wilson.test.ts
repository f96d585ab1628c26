// Wilson score interval against hand-worked values.
import { describe, expect, test } from 'vitest';
import { wilsonInterval } from '../../src/montecarlo/wilson.ts';

describe('wilsonInterval', () => {
  test('1 of 10 at 95%: (0.0179, 0.4042), worked by hand with z = 1.96', () => {
    const ci = wilsonInterval(1, 10);
    expect(ci.low).toBeCloseTo(0.01788, 4);
    expect(ci.high).toBeCloseTo(0.40416, 4);
  });
  test('0 of n starts at 0; n of n ends at 1; upper bound at 0 of n is z²/(n+z²)', () => {
    const z2 = 1.959963984540054 ** 2;
    expect(wilsonInterval(0, 100).low).toBe(0);
    expect(wilsonInterval(0, 100).high).toBeCloseTo(z2 / (100 + z2), 8);
    expect(wilsonInterval(100, 100).high).toBe(1);
  });
  test('rejects impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
  });
});
