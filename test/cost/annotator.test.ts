// runScenario annotates each step as it is assessed (src/cost/annotate.ts StepAnnotator): the
// annotations must be those annotateSteps gives the finished steps, key order included, since a
// step's cost, inference and fleet read that step and the parameters alone.
import { expect, test } from 'vitest';
import { annotateSteps } from '../../src/cost/annotate.ts';
import { runScenario } from '../../src/model/run.ts';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';

// scenarios without random shocks (a run adds its drawn shocks to its own parameters' events)
test.each(['scenarios/baseline-2025.yaml', 'scenarios/fleet-us-2030.yaml', 'scenarios/inference-far-users.yaml'])(
  'per-step annotation equals annotating the finished steps (%s)',
  (file) => {
    const loaded = loadScenario(file);
    const options = { route: 'analytic' as const, seed: 7 };
    const annotated = runScenario(loaded, options);
    const bare = runScenario(loaded, { ...options, annotate: false });
    expect(bare.steps[0].cost).toBeUndefined();
    const p = normalize(loaded.scenario);
    p.seed = 7;
    const extra = annotateSteps(bare.steps, p, loaded.scenario);
    expect(JSON.stringify(bare.steps)).toBe(JSON.stringify(annotated.steps));
    expect(JSON.stringify(extra.fleet)).toBe(JSON.stringify(annotated.fleet));
  },
);
