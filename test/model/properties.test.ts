// Invariants over varied inputs (fast-check): more grid never lowers the power wall, faster demand
// never makes the first wall later, ample resources give no wall.
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
  })('faster demand growth never makes the first wall later', (g, extra) => {
    const slow = runScenario(
      withScenario(baseline, (s) => {
        s.demand.growth_per_year = g;
      }),
    );
    const fast = runScenario(
      withScenario(baseline, (s) => {
        s.demand.growth_per_year = g + extra;
      }),
    );
    expect(firstYear(fast)).toBeLessThanOrEqual(firstYear(slow));
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
