import { describe, expect, test } from 'vitest';
import { coolingWall, fitsDensity, technologyFor } from '../../src/walls/cooling.ts';
import { powerWall } from '../../src/walls/power.ts';
import { DAY, H100, wallInputs } from './fixtures.ts';

const techs = {
  air: { max_kw_per_rack: 30, pue: 1.58 },
  direct_liquid: { max_kw_per_rack: 200, pue: 1.15 },
  immersion: { max_kw_per_rack: 300, pue: 1.05 },
};

describe('power wall', () => {
  test('150 MW at PUE 1.2 feeds 98,039 H100 at 1,275 W IT (SemiAnalysis: a 100k-H100 cluster draws ~150 MW)', () => {
    const w = powerWall.permit(wallInputs());
    expect(w.detail.accelerators).toBeCloseTo(150e6 / 1.2 / 1275, 6);
    expect(w.permitted_flop).toBeCloseTo((150e6 / 1.2 / 1275) * 989e12 * 0.4 * 100 * DAY, -19);
    expect(w.detail.facility_mw).toBe(150);
  });
  test('the newest generation fills the power: its watts and FLOP/s, not the installed fleet’s', () => {
    const b200 = { ...H100, name: 'B200', peak_flop_per_s: 2250e12 };
    const w = powerWall.permit(wallInputs({ newest: b200, it_w: (a) => (a === b200 ? 1787.5 : 1275) }));
    expect(w.permitted_flop).toBeCloseTo((150e6 / 1.2 / 1787.5) * 2250e12 * 0.4 * 100 * DAY, -19);
  });
});

describe('cooling wall', () => {
  test('a 120 kW GB200 NVL72 rack needs liquid; a 20.4 kW H100 rack fits air', () => {
    expect(fitsDensity(120, techs.air)).toBe(false);
    expect(fitsDensity(20.4, techs.air)).toBe(true);
    expect(technologyFor(120, techs)).toBe('direct_liquid');
    expect(technologyFor(250, techs)).toBe('immersion');
    expect(technologyFor(400, techs)).toBeNull();
  });
  test('100 MW of plant cools 78,431 H100 (heat = IT power)', () => {
    const w = coolingWall.permit(wallInputs());
    expect(w.permitted_flop).toBeCloseTo((100e6 / 1275) * 989e12 * 0.4 * 100 * DAY, -19);
    expect(w.limited_by).toBe('heat-rejection capacity');
  });
  test('racks too dense for every site’s technology permit nothing, and say so', () => {
    const w = coolingWall.permit(
      wallInputs({ sites: [{ name: 's', available_mw: 150, pue: 1.2, cooling_mw: 100, max_kw_per_rack: 10 }] }),
    );
    expect(w.permitted_flop).toBe(0);
    expect(w.limited_by).toBe('rack density');
  });
  test('an older generation that fits is used where the newest does not', () => {
    const gb200 = { ...H100, name: 'GB200', peak_flop_per_s: 2500e12, rack_kw: 120 };
    const w = coolingWall.permit(wallInputs({ newest: gb200, on_sale: [gb200, H100] }));
    expect(w.limited_by).toBe('rack density');
    expect(w.permitted_flop).toBeCloseTo((100e6 / 1275) * 989e12 * 0.4 * 100 * DAY, -19);
  });
});
