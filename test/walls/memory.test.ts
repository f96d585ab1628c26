import { describe, expect, test } from 'vitest';
import { maxParamsInHbm, memoryWall, rooflineFraction } from '../../src/walls/memory.ts';
import { DAY, H100, wallInputs } from './fixtures.ts';

describe('memory wall', () => {
  test('H100 ridge point: 989e12 / 3.35e12 = 295 FLOP/byte; at 100 FLOP/byte the roofline allows 33.9% of peak', () => {
    expect(rooflineFraction(100, 989e12, 3.35e12)).toBeCloseTo(0.3387, 4);
    expect(rooflineFraction(296, 989e12, 3.35e12)).toBe(1);
  });
  test('16 bytes/param of training state: 16,384 x 80 GB x 0.9 holds 73.7T parameters', () => {
    expect(maxParamsInHbm(16_384 * 80e9, 0.9, 16)).toBeCloseTo(7.3728e13, -9);
  });
  test('supply: the accelerators HBM supply equips, at their sustained FLOP/s', () => {
    const w = memoryWall.permit(wallInputs({ hbm_supply_gpus: [{ acc: H100, count: 8192 }] }));
    expect(w.permitted_flop).toBeCloseTo(8192 * 989e12 * 0.4 * 100 * DAY, -19);
    expect(w.limited_by).toBe('HBM supply');
  });
  test('capacity: the compute-optimal model whose state fits binds when HBM per run is small', () => {
    // 100 H100 x 80 GB x 0.9 / 16 B = 4.5e11 params; C = 6 x 20 x (4.5e11)^2 = 2.43e25
    const w = memoryWall.permit(wallInputs({ hbm_supply_gpus: [{ acc: H100, count: 100 }], sustained: () => 1e30 }));
    expect(w.limited_by).toBe('HBM capacity');
    expect(w.permitted_flop).toBeCloseTo(2.43e25, -21);
  });
});
