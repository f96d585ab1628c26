// Invariants of the fleet model over the world scenario: more shipments never lower TWh (AI TWh in
// any year; all data centres' TWh in every year once the extra shipments come after the last
// non-AI anchor year, since an anchor splits a fixed published total between AI and non-AI); the
// AI / all-data-centre split sums; the world is the sum of its regions; the grid bound holds.
import { describe, expect, test } from 'vitest';
import { test as fcTest, fc } from '@fast-check/vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { normalizeFleetSpec, type FleetSpec } from '../../src/fleet/params.ts';
import { fleetResult } from '../../src/fleet/world.ts';
import type { FleetResult, FleetYear } from '../../src/result/fleet-types.ts';

const { scenario } = loadScenario('scenarios/fleet-world-2035.yaml');
const given = scenario.fleet!;
const base = normalizeFleetSpec(given, scenario.horizon);
const baseResult = fleetResult(base);
const LAST_ANCHOR = Math.max(...base.regions.map((r) => r.non_ai.anchor_year));

/** The spec with one more listed shipment (its own line, so it is also projected after its year). */
function withExtra(year: number, units: number, board_w: number): FleetSpec {
  const extra = { year, units, board_w, generation: 'extra', line: 'extra' };
  return { ...base, regions: base.regions.map((r) => ({ ...r, shipments: [...r.shipments, extra] })) };
}

const everyYear = (r: FleetResult): { region: string; y: FleetYear }[] => [
  ...r.years.map((y) => ({ region: 'World', y })),
  ...r.regions!.flatMap((s) => s.years.map((y) => ({ region: s.region, y }))),
];

describe('monotonicity: more shipments never lower TWh', () => {
  fcTest.prop(
    [
      fc.integer({ min: 2014, max: 2035 }),
      fc.double({ min: 1, max: 5e6, noNaN: true }),
      fc.double({ min: 50, max: 2000, noNaN: true }),
    ],
    { numRuns: 40 },
  )('AI TWh, in every region and year, for extra shipments in any year', (year, units, w) => {
    const a = everyYear(baseResult);
    const b = everyYear(fleetResult(withExtra(year, units, w)));
    a.forEach((x, i) => expect(b[i].y.ai_twh).toBeGreaterThanOrEqual(x.y.ai_twh * (1 - 1e-12)));
  });
  fcTest.prop(
    [
      fc.integer({ min: LAST_ANCHOR + 1, max: 2035 }),
      fc.double({ min: 1, max: 5e7, noNaN: true }),
      fc.double({ min: 50, max: 2000, noNaN: true }),
    ],
    { numRuns: 40 },
  )('all data centres TWh, every region and year, for extra shipments after the last anchor', (year, units, w) => {
    const a = everyYear(baseResult);
    const b = everyYear(fleetResult(withExtra(year, units, w)));
    a.forEach((x, i) => {
      expect(b[i].y.total_dc_twh).toBeGreaterThanOrEqual(x.y.total_dc_twh * (1 - 1e-12));
      expect(b[i].y.ai_demand_twh!).toBeGreaterThanOrEqual(x.y.ai_demand_twh! * (1 - 1e-12));
    });
  });
  test('an anchor fixes its year: extra 2018 shipments raise US AI in 2018 and lower its non-AI base', () => {
    const b = fleetResult(withExtra(2018, 1e6, 300));
    const us = (r: FleetResult) => r.regions!.find((s) => s.region === 'US')!.years.find((y) => y.year === 2018)!;
    expect(us(b).total_dc_twh).toBeCloseTo(76, 9);
    expect(us(b).ai_twh).toBeGreaterThan(us(baseResult).ai_twh);
    expect(us(b).non_ai_twh).toBeLessThan(us(baseResult).non_ai_twh);
  });
});

describe('the AI / all-data-centre split', () => {
  test('ai + non-AI = all data centres; AI <= AI demand; unserved = demand - served; facility = IT x PUE', () => {
    for (const { y } of everyYear(baseResult)) {
      expect(y.ai_twh + y.non_ai_twh).toBeCloseTo(y.total_dc_twh, 9);
      expect(y.ai_twh).toBeLessThanOrEqual(y.ai_demand_twh! * (1 + 1e-12));
      expect(y.total_dc_share).toBeCloseTo(y.total_dc_twh / y.region_twh, 12);
      expect(y.ai_share).toBeCloseTo(y.ai_twh / y.region_twh, 12);
      expect(y.facility_mw).toBeCloseTo(y.it_mw * y.pue, 6);
      expect(y.ai_twh).toBeCloseTo((y.facility_mw * 8766) / 1e6, 6);
    }
    // served + unserved = the demand with the grid unbounded
    const unbounded = fleetResult({ ...base, regions: base.regions.map((r) => ({ ...r, grid: null })) });
    const free = everyYear(unbounded);
    everyYear(baseResult).forEach(({ y }, i) => {
      expect(y.unserved_twh!).toBeGreaterThanOrEqual(0);
      expect(y.total_dc_twh + y.unserved_twh!).toBeCloseTo(free[i].y.total_dc_twh, 6);
    });
  });
  test('the world is the sum of its regions; its shares and PUE are ratios of the sums', () => {
    baseResult.years.forEach((w, i) => {
      const rows = baseResult.regions!.map((s) => s.years[i]);
      for (const k of ['ai_twh', 'non_ai_twh', 'total_dc_twh', 'region_twh', 'installed', 'facility_mw'] as const) {
        expect(w[k]).toBeCloseTo(
          rows.reduce((a, r) => a + r[k], 0),
          6,
        );
      }
      expect(w.total_dc_share).toBeCloseTo(w.total_dc_twh / w.region_twh, 12);
      expect(w.pue).toBeCloseTo(w.facility_mw / w.it_mw, 12);
      const gens = Object.values(w.installed_by_generation).reduce((a, n) => a + n, 0);
      expect(gens).toBeCloseTo(w.installed, 3);
    });
  });
  test('every region installs its share of the world: the shares sum to 1 (no accelerator lost)', () => {
    for (const w of baseResult.years) {
      const delivered = baseResult.regions!.reduce((a, s) => a + s.years.find((y) => y.year === w.year)!.deliveries, 0);
      expect(delivered).toBeCloseTo(w.deliveries, 3);
    }
    const perRegionInstalled = (y: number) =>
      baseResult.regions!.reduce((a, s) => a + s.years.find((x) => x.year === y)!.installed, 0);
    expect(perRegionInstalled(2024)).toBeCloseTo(baseResult.years.find((y) => y.year === 2024)!.installed, 3);
  });
});
