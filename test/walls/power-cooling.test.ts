import { describe, expect, test } from 'vitest';
import { test as fcTest, fc } from '@fast-check/vitest';
import { coolingWall, fitsDensity, technologyFor } from '../../src/walls/cooling.ts';
import { facilityMw, powerWall } from '../../src/walls/power.ts';

const techs = {
  air: { max_kw_per_rack: 30, pue: 1.58 },
  direct_liquid: { max_kw_per_rack: 200, pue: 1.15 },
  immersion: { max_kw_per_rack: 300, pue: 1.05 },
};

describe('power', () => {
  test('facility = IT x PUE', () => expect(facilityMw(100, 1.58)).toBeCloseTo(158, 12));
  test('100,000 H100 at 1,275 W IT (DGX) and PUE 1.2 draw 153 MW (SemiAnalysis: ~150 MW)', () => {
    expect(facilityMw((100_000 * 1275) / 1e6, 1.2)).toBeCloseTo(153, 9);
  });
  fcTest.prop([fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true })])(
    'more available power never lowers the power wall',
    (mw, extra) => {
      const a = powerWall(mw, 1e11, 1e7, 0.4, 1e27, 'grid');
      const b = powerWall(mw + extra, 1e11, 1e7, 0.4, 1e27, 'grid');
      expect(b.headroom).toBeGreaterThanOrEqual(a.headroom);
    },
  );
});

describe('cooling', () => {
  test('a 120 kW GB200 NVL72 rack needs liquid; a 20.4 kW H100 rack fits air', () => {
    expect(fitsDensity(120, techs.air)).toBe(false);
    expect(fitsDensity(20.4, techs.air)).toBe(true);
    expect(technologyFor(120, techs)).toBe('direct_liquid');
    expect(technologyFor(250, techs)).toBe('immersion');
    expect(technologyFor(400, techs)).toBeNull();
  });
  test('the wall permits heat capacity x FLOP/s per IT watt x time x run share', () => {
    expect(coolingWall(100, 2e11, 1e7, 0.5, 1e26, 'heat capacity').permitted_flop).toBeCloseTo(
      100e6 * 2e11 * 1e7 * 0.5,
      -10,
    );
  });
});
