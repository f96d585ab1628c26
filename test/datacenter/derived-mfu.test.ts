// Issue 12 item 4: where the scenario states no compute.mfu, every step of a run takes its MFU and
// exposed communication from the step model's plan for the cluster the run gets, and records the
// plan; a stated compute.mfu overrides it (no plan recorded). One H100 site, three years.
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';

const base = loadScenario('test/fixtures/model/single-site.yaml');
const short = (mfu: number | undefined) => {
  const scenario = structuredClone(base.scenario);
  scenario.horizon = { start_year: 2025, end_year: 2027, step_years: 1 };
  const { mfu: _stated, ...compute } = scenario.compute;
  scenario.compute = mfu === undefined ? compute : { ...compute, mfu };
  return runScenario({ ...base, scenario });
};

describe('the step model in the years', () => {
  const derived = short(undefined);
  const stated = short(0.4);

  test('each step records its plan: TP x PP x DP x CP = its GPUs, TP within the 8-GPU domain', () => {
    for (const s of derived.steps) {
      const p = s.plan!;
      expect(s.quantities.mfu_source).toBe('step model');
      expect(s.quantities.network_method).toBe('step_model');
      expect(p.accelerator).toBe('H100');
      expect(p.tp * p.pp * p.dp * p.cp).toBe(p.gpus);
      expect(p.tp).toBeLessThanOrEqual(8);
      expect(p.global_batch % p.dp).toBe(0);
    }
  });

  test('the MFU the step uses is the plan’s, below the work MFU by its exposed, bubble and idle time', () => {
    for (const s of derived.steps) {
      const p = s.plan!;
      expect(s.quantities.mfu).toBe(p.mfu);
      expect(p.mfu).toBeCloseTo(p.step_model_mfu, 12);
      expect(p.step_model_mfu).toBeLessThan(p.work_mfu);
      // busy MFU x (1 - idle) = MFU over every GPU; busy MFU <= work MFU x (1 - exposed - bubble) + rounding
      const busy = p.step_model_mfu / (1 - p.idle_fraction);
      expect(busy).toBeLessThanOrEqual(p.work_mfu * (1 - p.exposed_comm_fraction - p.bubble_fraction) + 1e-9);
    }
  });

  test('a stated compute.mfu overrides the step model: no plan, the stated figure', () => {
    for (const s of stated.steps) {
      expect(s.quantities.mfu_source).toBe('stated');
      expect(s.quantities.mfu).toBe(0.4);
      expect(s.plan ?? null).toBeNull();
    }
  });
});
