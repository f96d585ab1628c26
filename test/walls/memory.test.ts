import { describe, expect, test } from 'vitest';
import { maxParamsInHbm, memoryWall, rooflineFraction } from '../../src/walls/memory.ts';

describe('memory', () => {
  test('H100 ridge point: 989e12 / 3.35e12 = 295 FLOP/byte; at AI 100 the roofline allows 33.9% of peak', () => {
    expect(rooflineFraction(100, 989e12, 3.35e12)).toBeCloseTo((100 * 3.35e12) / 989e12, 12);
    expect(rooflineFraction(100, 989e12, 3.35e12)).toBeCloseTo(0.3387, 4);
    expect(rooflineFraction(296, 989e12, 3.35e12)).toBe(1);
  });
  test('16 bytes/param of training state: 16,384 x 80 GB x 0.9 holds 73.7T parameters', () => {
    expect(maxParamsInHbm(16_384 * 80e9, 0.9, 16)).toBeCloseTo(7.3728e13, -9);
  });
  test('the wall takes the tighter of roofline and capacity and names it', () => {
    expect(
      memoryWall({ roofline_flop: 2e27, capacity_flop: 1e27, bandwidth_bound: false, supply_short: false }, 1e27)
        .limited_by,
    ).toBe('capacity');
    const w = memoryWall(
      { roofline_flop: 5e26, capacity_flop: 1e30, bandwidth_bound: true, supply_short: false },
      1e27,
    );
    expect(w).toEqual({ permitted_flop: 5e26, headroom: 0.5, limited_by: 'bandwidth' });
  });
});
