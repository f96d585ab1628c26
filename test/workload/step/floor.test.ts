// The floor under a plan's step time (stepTimeFloor) that lets the plan search skip plans without
// timing them: it must never exceed the step time evaluatePlan gives, for every schedule, degree,
// recompute and ZeRO stage, or the search would skip a plan that is faster than its best. Checked
// over every runnable plan of small dense and MoE searches (a few thousand plans), and over random
// models, clusters, sizes, batches and imbalances for ZeRO-3 plans, whose floor counts the exposed
// DP time at the mean pipeline rank (dp.ts, zero3DpFloorUs): never above the step time, and tight
// (without it their floors were ~0.2 of their step time, DP exposure being most of it).
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { A100_SXM, GB200_NVL72, H100_SXM, H800_SXM, withGpus } from '../../../src/workload/step/cluster.ts';
import { DEEPSEEK_V3, GPT_1T, LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { planProblems } from '../../../src/workload/step/plan.ts';
import { enumeratePlans } from '../../../src/workload/step/search.ts';
import { evaluatePlan, stepTimeFloor } from '../../../src/workload/step/step-time.ts';
import { TINY_DENSE, TINY_MOE } from './fixtures.ts';

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

  fcTest.prop(
    [
      fc.constantFrom(LLAMA3_405B, GPT_1T, DEEPSEEK_V3, TINY_DENSE, TINY_MOE),
      fc.constantFrom(A100_SXM, H100_SXM, H800_SXM, GB200_NVL72),
      fc.integer({ min: 0, max: 4 }), // GPUs: a domain x 2^k
      fc.constantFrom(16, 64, 256, 1024), // sequences per step
      fc.constantFrom(1, 1.3), // expert imbalance
    ],
    { numRuns: 40 },
  )('ZeRO-3: at most the step time, and within 20% of it for most plans', (m, cluster, k, batch, imbalance) => {
    const c = withGpus(cluster, cluster.domain_gpus * 2 ** k);
    const o = { expert_imbalance: imbalance };
    const ratios: number[] = [];
    const plans = enumeratePlans(m, c, { global_batch: batch, precision: 'bf16', zero: [3], micro_batch: [1, 2] });
    for (const p of plans) {
      if (planProblems(m, c, p).length || p.dp * p.cp === 1) continue;
      const t = evaluatePlan(m, c, p, o).step_us;
      const f = stepTimeFloor(m, c, p, o);
      expect(f).toBeLessThanOrEqual(t);
      ratios.push(f / t);
    }
    if (ratios.length < 10) return;
    ratios.sort((a, b) => a - b);
    expect(ratios[ratios.length >> 1]).toBeGreaterThan(0.8);
  });
});
