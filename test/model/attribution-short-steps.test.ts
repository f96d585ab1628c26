// Sweep samples attribute only the steps that fall short (AssessContext.attribution 'short steps'):
// every wall's headroom, the achievable run and the first wall are those of a fully attributed run,
// short steps carry the same elasticities and active constraints, and a step that meets its target
// records none (the work skipped). What a sweep keeps of a sample is therefore unchanged.
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';
import { summarize } from '../../src/montecarlo/summary.ts';

describe("attribution: 'short steps'", () => {
  for (const file of ['scenarios/baseline-2025.yaml', 'scenarios/scale-out-hgx.yaml']) {
    test(`${file}: same walls, achievable runs and first wall; elasticities only where short`, () => {
      const loaded = loadScenario(file);
      const full = runScenario(loaded, { seed: 5, annotate: false });
      const lean = runScenario(loaded, { seed: 5, annotate: false, attribution: 'short steps' });
      expect(lean.first_wall).toEqual(full.first_wall);
      expect(lean.steps.length).toBe(full.steps.length);
      let meeting = 0;
      full.steps.forEach((s, i) => {
        const l = lean.steps[i];
        expect(l.walls).toEqual(s.walls);
        expect(l.achievable.flop).toBe(s.achievable.flop);
        expect(l.achievable.headroom).toBe(s.achievable.headroom);
        expect(l.quantities).toEqual(s.quantities);
        if (s.achievable.headroom < 1) expect(l.achievable).toEqual(s.achievable);
        else {
          meeting++;
          expect(Object.values(l.achievable.elasticity).every((e) => e === 0)).toBe(true);
          expect(l.achievable.active).toEqual([]);
        }
      });
      expect(meeting).toBeGreaterThan(0); // some step met its target, so some work was skipped
      const inputs = new Float64Array(0);
      expect(summarize(0, lean, inputs)).toEqual(summarize(0, full, inputs));
    });
  }
});
