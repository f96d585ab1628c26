// The grid bound: hand-worked capacity arithmetic, a region whose grid stops growing, the what-if
// of a slower buildout (a longer interconnection queue), and the grid budget API for the planner.
import { describe, expect, test } from 'vitest';
import { gridBuildoutMw, gridCapacityMw, gridLimitTwh, type GridInputs } from '../../src/fleet/grid.ts';
import { fleetYear } from '../../src/fleet/electricity.ts';
import { normalizeFleet, normalizeFleetSpec } from '../../src/fleet/params.ts';
import { regionGridBudget } from '../../src/fleet/world.ts';
import type { FleetRegion } from '../../src/scenario/types.gen.ts';

const g: GridInputs = {
  year: 2024,
  capacity_gw: null,
  buildout_gw_per_year: 10,
  buildout_growth_per_year: 1.1,
  utilization: 0.5,
};
const horizon = { start_year: 2018, end_year: 2035 };

describe('grid arithmetic', () => {
  test('buildout: 0 up to the base year, then 10 GW growing 10%/yr (2026: 11 GW)', () => {
    expect(gridBuildoutMw(g, 2024)).toBe(0);
    expect(gridBuildoutMw(g, 2025)).toBeCloseTo(10_000, 9);
    expect(gridBuildoutMw(g, 2026)).toBeCloseTo(11_000, 9);
  });
  test('capacity 2027 = 50 + 10 + 11 + 12.1 GW; limit = 83.1 GW x 0.5 x 8,766 h = 364.2 TWh; none before', () => {
    expect(gridCapacityMw(g, 50_000, 2027)).toBeCloseTo(83_100, 6);
    expect(gridLimitTwh(g, 50_000, 2027)).toBeCloseTo((83_100 * 0.5 * 8766) / 1e6, 9);
    expect(gridLimitTwh(g, 50_000, 2024)).toBe(Infinity);
  });
});

describe('a region whose grid stops growing', () => {
  const flat = normalizeFleet({ grid: { year: 2024, buildout_gw_per_year: 0 } }, horizon);
  test('after 2024 the data centres use what the 2024 grid carries; the rest is unserved AI', () => {
    const y24 = fleetYear(flat, 2024);
    expect(y24.grid_capacity_mw).toBeCloseTo((y24.total_dc_twh * 1e6) / 8766 / 0.5, 6);
    for (const y of [2026, 2030]) {
      const r = fleetYear(flat, y);
      expect(r.total_dc_twh).toBeCloseTo(y24.total_dc_twh, 6);
      const unbounded = fleetYear({ ...flat, grid: null }, y);
      expect(r.unserved_twh).toBeCloseTo(unbounded.total_dc_twh - r.total_dc_twh, 6);
      expect(r.ai_demand_twh).toBeCloseTo(unbounded.ai_twh, 9);
      expect(r.unpowered).toBeGreaterThan(0);
      expect(r.grid_headroom_mw).toBeCloseTo(0, 3);
    }
  });
});

describe('what-if: a longer interconnection queue in the US (buildout 17.4 -> 8 GW/yr)', () => {
  const names: [FleetRegion, ...FleetRegion[]] = [
    { name: 'US' },
    { name: 'China' },
    { name: 'Europe' },
    { name: 'RoW' },
  ];
  const base = normalizeFleetSpec({ regions: names }, horizon);
  const slow = normalizeFleetSpec(
    { regions: [{ name: 'US', grid: { year: 2024, buildout_gw_per_year: 8 } }, ...names.slice(1)] },
    horizon,
  );
  const us = (s: typeof base, y: number) => fleetYear(s.regions[0], y);
  test('lowers the US data-centre TWh in 2030 and leaves AI load unserved; other regions unchanged', () => {
    expect(us(slow, 2030).total_dc_twh).toBeLessThan(us(base, 2030).total_dc_twh);
    expect(us(slow, 2030).unserved_twh).toBeGreaterThan(0);
    expect(us(slow, 2024).total_dc_twh).toBeCloseTo(us(base, 2024).total_dc_twh, 9); // history is not capped
    expect(fleetYear(slow.regions[1], 2030).total_dc_twh).toBeCloseTo(fleetYear(base.regions[1], 2030).total_dc_twh, 9);
  });
  test('the grid budget the planner reads moves with it', () => {
    const a = regionGridBudget(base, 'US', 2030)!;
    const b = regionGridBudget(slow, 'US', 2030)!;
    expect(a.buildout_mw).toBeCloseTo(17_400, 9);
    expect(b.buildout_mw).toBeCloseTo(8_000, 9);
    expect(a.capacity_mw - b.capacity_mw).toBeCloseTo(6 * 9_400, 6);
    expect(a.used_mw + a.headroom_mw).toBeCloseTo(a.capacity_mw, 6);
    expect(b.headroom_mw).toBeCloseTo(0, 3); // the slow grid is full
    expect(regionGridBudget(base, 'US', 2020)).toBeNull(); // before the grid's base year
    expect(regionGridBudget(base, 'Mars', 2030)).toBeNull();
  });
});
