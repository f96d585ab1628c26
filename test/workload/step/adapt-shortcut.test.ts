// The HBM-bounded adaptation's shortcut (local-search.ts, noneCanFit): where every plan it could time
// has a parameter footprint floor over HBM it times none and says none_fit, and findRunPlan takes
// the adaptation with HBM ignored. Pinned here: over random models, clusters, sizes, batches and
// reference plans, the plan findRunPlan's two steps give (and its step time and fit) is the same
// with the shortcut as without it, and the shortcut says none_fit only where the adaptation without
// it found no plan that fits. Both outcomes occur (the property is not vacuous).
import { fc, test as fcTest } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { A100_SXM, GB200_NVL72, H100_SXM, H800_SXM, withGpus } from '../../../src/workload/step/cluster.ts';
import { adaptPlan } from '../../../src/workload/step/local-search.ts';
import { newEvaluations } from '../../../src/workload/step/search-evaluations.ts';
import type { LocalSearchOptions } from '../../../src/workload/step/searcher.ts';
import { DEEPSEEK_V3, GPT_1T, LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { makePlan, type Plan } from '../../../src/workload/step/plan.ts';
import { TINY_DENSE, TINY_MOE } from './fixtures.ts';

const models = [TINY_DENSE, TINY_MOE, LLAMA3_405B, GPT_1T, DEEPSEEK_V3];
const clusters = [A100_SXM, H100_SXM, H800_SXM, GB200_NVL72];
const schedules: [Plan['schedule'], number][] = [
  ['1f1b', 1],
  ['interleaved', 2],
  ['interleaved', 4],
  ['dualpipe', 1],
];

/** findRunPlan's two steps with a reference plan: bounded, then with HBM ignored if none fits. */
function adapted(m: (typeof models)[number], c: ReturnType<typeof withGpus>, base: LocalSearchOptions, ref: Plan) {
  const evaluations = newEvaluations();
  const bounded = adaptPlan(m, c, { ...base, evaluations }, ref);
  if (bounded.fits) return { bounded, plan: bounded.best!.plan, step_us: bounded.best!.step_us, fits: true };
  if (!bounded.winner && !bounded.none_fit) return { bounded, plan: null, step_us: NaN, fits: false };
  const relaxed = adaptPlan(m, c, { ...base, evaluations, ignore_hbm: true }, ref);
  return { bounded, plan: relaxed.best?.plan ?? null, step_us: relaxed.best?.step_us ?? NaN, fits: false };
}

const seen = { none_fit: 0, fits: 0 };

describe('HBM-bounded adaptation shortcut', () => {
  fcTest.prop(
    [
      fc.constantFrom(...models),
      fc.constantFrom(...clusters),
      fc.integer({ min: 0, max: 5 }), // GPUs: a domain x 2^k
      fc.constantFrom(32, 128, 512, 2048), // sequences per step
      fc.constantFrom(1, 1.3), // expert imbalance
      fc.record({
        tp: fc.constantFrom(1, 2, 4, 8),
        pp: fc.constantFrom(1, 2, 4, 8, 16),
        cp: fc.constantFrom(1, 2),
        ep: fc.constantFrom(1, 4, 16, 64),
        micro_batch: fc.constantFrom(1, 2, 4),
        s: fc.constantFrom(...schedules),
        recompute: fc.constantFrom('none', 'selective', 'full') as fc.Arbitrary<Plan['recompute']>,
        zero: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<Plan['zero']>,
      }),
    ],
    { numRuns: 100 },
  )('the plan found is the same with and without it', (m, cluster, k, batch, imbalance, r) => {
    const c = withGpus(cluster, cluster.domain_gpus * 2 ** k);
    const ref = makePlan({
      ...r,
      dp: 1,
      global_batch: batch,
      schedule: r.s[0],
      chunks: r.s[1],
    });
    const base: LocalSearchOptions = {
      global_batch: batch,
      precision: 'bf16',
      step: { expert_imbalance: imbalance },
    };
    const fast = adapted(m, c, base, ref);
    const slow = adapted(m, c, { ...base, prove_none_fit: false }, ref);
    expect(slow.bounded.none_fit).toBe(false);
    expect(fast.plan).toEqual(slow.plan);
    expect(fast.step_us).toBe(slow.step_us);
    expect(fast.fits).toBe(slow.fits);
    if (fast.bounded.none_fit) {
      expect(slow.bounded.fits).toBe(false);
      seen.none_fit++;
    }
    if (fast.fits) seen.fits++;
  });

  afterAll(() => {
    expect(seen.none_fit).toBeGreaterThan(0);
    expect(seen.fits).toBeGreaterThan(0);
  });
});
