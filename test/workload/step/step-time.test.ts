import { describe, expect, test } from 'vitest';
import { modelFlopsPerToken } from '../../../src/workload/step/model.ts';
import { makePlan, type Plan } from '../../../src/workload/step/plan.ts';
import { PlanError, stepTime, type StepResult } from '../../../src/workload/step/step-time.ts';
import { reduceScatterUs } from '../../../src/workload/step/collectives.ts';
import { h100, TINY_DENSE, TINY_MOE } from './fixtures.ts';

const sum = (r: StepResult): number => Object.values(r.breakdown).reduce((a, b) => a + b, 0);

describe('stepTime', () => {
  const c = h100(64);
  const p = makePlan({ tp: 4, pp: 4, dp: 4, global_batch: 64, schedule: 'interleaved', chunks: 2 });

  test('the breakdown adds up to the step time, for dense and MoE plans', () => {
    const plans: Array<[typeof TINY_DENSE, Plan]> = [
      [TINY_DENSE, p],
      [TINY_DENSE, { ...p, schedule: '1f1b', chunks: 1, recompute: 'full', zero: 3 }],
      [TINY_MOE, { ...p, ep: 4 }],
      [TINY_MOE, { ...p, ep: 4, schedule: 'dualpipe', chunks: 1, comm_sms: 20 }],
      [TINY_DENSE, { ...p, cp: 2, dp: 2, global_batch: 32 }],
    ];
    for (const [m, plan] of plans) {
      const r = stepTime(m, c, plan);
      expect(sum(r)).toBeCloseTo(r.step_us, 6);
      expect(r.step_us).toBeGreaterThan(0);
    }
  });

  test('MFU = model FLOPs per token x tokens / (GPUs x peak x step time)', () => {
    const r = stepTime(TINY_DENSE, c, p);
    const expected = (modelFlopsPerToken(TINY_DENSE) * 64 * 4096) / (64 * 989e12 * (r.step_us / 1e6));
    expect(r.mfu).toBeCloseTo(expected, 12);
    expect(r.model_tflops_per_gpu).toBeCloseTo(r.mfu * 989, 9);
    // FP8 plans are measured against the FP8 peak.
    const f8 = stepTime(TINY_DENSE, c, { ...p, precision: 'fp8' });
    expect(f8.mfu).toBeCloseTo(f8.model_tflops_per_gpu / 1979, 12);
  });

  test('TP with sequence parallelism: 2 all-gathers + 2 reduce-scatters of n x d per pass, per layer', () => {
    const plan = makePlan({ tp: 8, pp: 1, dp: 8, global_batch: 8 });
    const r = stepTime(TINY_DENSE, c, plan);
    const one = reduceScatterUs(c, 8, 1, 4096 * 1024 * 2); // an all-gather costs the same
    // 8 layers x (fwd + bwd) x 4 collectives, plus the head's all-gather forward and reduce-scatter backward.
    expect(r.breakdown.tp_us).toBeCloseTo(8 * 2 * 4 * one + 2 * one, 6);
    expect(stepTime(TINY_DENSE, c, { ...plan, tp_overlap: 1 }).breakdown.tp_us).toBe(0);
  });

  test('recompute trades time for memory: none < selective < full in time, the reverse in activations', () => {
    const [none, sel, full] = (['none', 'selective', 'full'] as const).map((recompute) =>
      stepTime(TINY_DENSE, c, { ...p, recompute }),
    );
    expect(none.step_us).toBeLessThan(sel.step_us);
    expect(sel.step_us).toBeLessThan(full.step_us);
    expect(none.memory.activations_gb).toBeGreaterThan(sel.memory.activations_gb);
    expect(sel.memory.activations_gb).toBeGreaterThan(full.memory.activations_gb);
    expect(full.hardware_tflops_per_gpu).toBeGreaterThan(full.model_tflops_per_gpu);
  });

  test('ZeRO stages shard state, then gradients, then weights', () => {
    const mem = ([0, 1, 2, 3] as const).map((zero) => stepTime(TINY_DENSE, c, { ...p, zero }).memory);
    expect(mem[1].optimizer_gb).toBeCloseTo(mem[0].optimizer_gb / 4, 9);
    expect(mem[2].gradients_gb).toBeCloseTo(mem[1].gradients_gb / 4, 9);
    expect(mem[3].weights_gb).toBeCloseTo(mem[2].weights_gb / 4, 9);
  });

  test('a plan that cannot run is a PlanError naming why', () => {
    expect(() => stepTime(TINY_DENSE, c, { ...p, tp: 16, dp: 1 })).toThrow(PlanError);
    expect(() => stepTime(TINY_DENSE, c, { ...p, tp: 16, dp: 1 })).toThrow(
      /TP 16 is beyond the scale-up domain \(8 GPUs\)/,
    );
    expect(() => stepTime(TINY_DENSE, c, { ...p, dp: 2 })).toThrow(/is not the cluster's 64 GPUs/);
    expect(() => stepTime(TINY_MOE, c, { ...p, ep: 3 })).toThrow(/EP 3 does not divide/);
  });

  test('same inputs, same result (pure)', () => {
    expect(stepTime(TINY_MOE, c, { ...p, ep: 4 })).toEqual(stepTime({ ...TINY_MOE }, { ...c }, { ...p, ep: 4 }));
  });
});
