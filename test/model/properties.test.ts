// Invariants over varied inputs (fast-check): more grid never lowers the power wall, faster demand
// never makes the first material shortfall later, ample resources give no wall.
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';
import type { RunResult } from '../../src/result/types.ts';

const single = loadScenario('test/fixtures/model/single-site.yaml');
const baseline = loadScenario('scenarios/baseline-2025.yaml');

function withScenario(l: typeof single, patch: (s: typeof single.scenario) => void) {
  const scenario = structuredClone(l.scenario);
  patch(scenario);
  return { ...l, scenario };
}

const firstYear = (r: RunResult) => r.first_wall?.year ?? Infinity;
/** A shortfall of at least 1% of the target: knife-edge shortfalls move with the planner's orders. */
const MATERIAL = 0.01;
/** The first step whose achievable run falls short of its target by `by` or more. */
const firstShortBy = (r: RunResult, by: number) =>
  r.steps.find((s) => s.achievable.headroom < 1 - by)?.year ?? Infinity;
const withGrowth = (g: number) =>
  withScenario(baseline, (s) => {
    s.demand.growth_per_year = g;
  });

describe('invariants', () => {
  test.prop([fc.integer({ min: 50, max: 2000 }), fc.integer({ min: 0, max: 2000 })], { numRuns: 25 })(
    'more grid never lowers power headroom at any step',
    (grid, extra) => {
      const a = runScenario(
        withScenario(single, (s) => {
          s.sites[0].grid_mw = grid;
        }),
      );
      const b = runScenario(
        withScenario(single, (s) => {
          s.sites[0].grid_mw = grid + extra;
        }),
      );
      a.steps.forEach((s, i) =>
        expect(b.steps[i].walls.power.headroom).toBeGreaterThanOrEqual(s.walls.power.headroom * (1 - 1e-12)),
      );
    },
  );
  test.prop([fc.double({ min: 1.5, max: 6, noNaN: true }), fc.double({ min: 0, max: 6, noNaN: true })], {
    numRuns: 15,
  })('faster demand growth never makes the first material shortfall later', (g, extra) => {
    const slow = runScenario(withGrowth(g));
    const fast = runScenario(withGrowth(g + extra));
    expect(firstShortBy(fast, MATERIAL)).toBeLessThanOrEqual(firstShortBy(slow, MATERIAL));
  });
  test('why the shortfall must be material: the planner buys for the demand it projects', () => {
    // Found by the property above (fast-check seed -1324718798, 2026-12-01). Growth 1.9778/yr falls
    // short in 2028 by 0.07% (compute: accelerators bought behind demand); growth 0.19% faster makes
    // the planner order a little more and meets 2028, so its first wall is data in 2029. A strict
    // "first wall never later" does not hold at such knife edges; a shortfall of 1% or more does.
    const slow = runScenario(withGrowth(1.9777995283338117));
    const fast = runScenario(withGrowth(1.9777995283338117 + 0.001895980239360884));
    expect(firstYear(slow)).toBe(2028);
    expect(firstYear(fast)).toBe(2029);
    const at2028 = slow.steps.find((s) => s.year === 2028)!;
    expect(at2028.achievable.headroom).toBeGreaterThan(1 - MATERIAL);
    expect(firstShortBy(slow, MATERIAL)).toBe(2029);
    expect(firstShortBy(fast, MATERIAL)).toBe(2029);
  });
  test.prop([fc.integer({ min: 0, max: 1000 })], { numRuns: 10 })(
    'ample everything: no wall within the horizon, for any seed',
    (seed) => {
      const r = runScenario(loadScenario('test/fixtures/model/ample.yaml'), { seed });
      expect(r.first_wall).toBeNull();
      expect(r.crossings).toEqual([]);
      expect(r.nearest.headroom).toBeGreaterThanOrEqual(1);
    },
  );
});
