// The floor under a plan's step time (stepTimeFloor) that lets the plan search skip plans without
// timing them: it must never exceed the step time evaluatePlan gives, for every schedule, degree,
// recompute and ZeRO stage, or the search would skip a plan that is faster than its best. Checked
// over every runnable plan of small dense and MoE searches (a few thousand plans).
import { describe, expect, test } from 'vitest';
import { GB200_NVL72, H100_SXM, H800_SXM, withGpus } from '../../../src/workload/step/cluster.ts';
import { DEEPSEEK_V3, LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { planProblems } from '../../../src/workload/step/plan.ts';
import { enumeratePlans } from '../../../src/workload/step/search.ts';
import { evaluatePlan, stepTimeFloor } from '../../../src/workload/step/step-time.ts';

const cases = [
  ['Llama 3 405B on 256 H100', LLAMA3_405B, withGpus(H100_SXM, 256), 128, 'bf16', {}],
  ['DeepSeek-V3 on 128 H800, FP8', DEEPSEEK_V3, withGpus(H800_SXM, 128), 256, 'fp8', { expert_imbalance: 1.3 }],
  ['DeepSeek-V3 on 144 GB200 NVL72', DEEPSEEK_V3, withGpus(GB200_NVL72, 144), 288, 'fp8', { node_limit: 4 }],
] as const;

describe('the step-time floor', () => {
  test.each(cases)('%s: at most the step time of every runnable plan, and not vacuous', (_, m, c, batch, prec, o) => {
    let n = 0,
      tightest = 0;
    for (const p of enumeratePlans(m, c, { global_batch: batch, precision: prec, micro_batch: [1, 2] })) {
      if (planProblems(m, c, p).length) continue;
      const t = evaluatePlan(m, c, p, o).step_us;
      const f = stepTimeFloor(m, c, p, o);
      expect(f).toBeGreaterThan(0);
      expect(f).toBeLessThanOrEqual(t);
      tightest = Math.max(tightest, f / t);
      n++;
    }
    expect(n).toBeGreaterThan(100);
    // some plan's floor is within 5% of its time (a floor of 0 would skip nothing)
    expect(tightest).toBeGreaterThan(0.95);
  });
});
