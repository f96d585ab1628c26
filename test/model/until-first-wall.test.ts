// A run that stops at its first wall (RunOptions.until = 'first_wall', what the certainty draws
// use) gives the full run's first wall and the same steps up to it, and stops there: nothing a later
// step does can change an earlier one. A run whose achievable never falls short runs the horizon.
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';

describe("until: 'first_wall'", () => {
  const loaded = loadScenario('scenarios/baseline-2025.yaml');
  for (const seed of [3, 11]) {
    test(`seed ${seed}: the same first wall and steps as the full run, then stops`, () => {
      const full = runScenario(loaded, { seed, annotate: false });
      const cut = runScenario(loaded, { seed, annotate: false, until: 'first_wall' });
      expect(full.first_wall).not.toBeNull();
      const at = full.steps.findIndex((s) => s.achievable.headroom < 1);
      expect(cut.first_wall).toEqual(full.first_wall);
      expect(cut.steps.length).toBe(at + 1);
      expect(cut.steps.length).toBeLessThan(full.steps.length);
      expect(cut.steps).toEqual(full.steps.slice(0, at + 1));
    });
  }
  test('no first wall within the horizon: the whole horizon runs', () => {
    // two years of the baseline's horizon before its first wall: a target every step meets
    const full = runScenario(loaded, { seed: 3, annotate: false });
    const first = full.first_wall!.year;
    const early = {
      ...loaded,
      scenario: { ...loaded.scenario, horizon: { ...loaded.scenario.horizon, end_year: first - 1 } },
    };
    const whole = runScenario(early, { seed: 3, annotate: false });
    const cut = runScenario(early, { seed: 3, annotate: false, until: 'first_wall' });
    expect(whole.first_wall).toBeNull();
    expect(cut.steps).toEqual(whole.steps);
  });
});
