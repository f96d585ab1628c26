import { describe, expect, test } from 'vitest';
import type { RankCost } from '../../../src/workload/step/stage-cost.ts';
import { pipelineTime } from '../../../src/workload/step/pipeline.ts';
import { makePlan } from '../../../src/workload/step/plan.ts';

function rank(fwd: number, bwd: number, ep = 0, wgrad = 0): RankCost {
  const z = { fwd_us: 0, bwd_us: 0 };
  return {
    fwd_us: fwd,
    bwd_us: bwd,
    wgrad_us: wgrad,
    recompute_us: 0,
    tp: z,
    cp: z,
    ep: { fwd_us: ep / 2, bwd_us: ep / 2 },
    flops: 0,
    act_bytes: 0,
    work_bytes: 0,
    layers: 1,
    dense_params: 0,
    expert_params: 0,
  };
}
const plan = (schedule: '1f1b' | 'interleaved' | 'dualpipe', chunks = 1) =>
  makePlan({ tp: 1, pp: 4, dp: 1, global_batch: 8, schedule, chunks });
const sumParts = (t: ReturnType<typeof pipelineTime>) =>
  t.compute_us + t.recompute_us + t.tp_us + t.cp_us + t.ep_us + t.pp_us + t.bubble_us;

describe('pipeline schedules', () => {
  const equal = [0, 1, 2, 3].map(() => rank(1000, 2000));

  test('1F1B: (m + p - 1)(F + B) (Narayanan et al. 2021) + two transfers per micro-batch', () => {
    const t = pipelineTime(equal, plan('1f1b'), 8, 10);
    expect(t.total_us).toBe(11 * 3000 + 2 * 8 * 10);
    expect(t.bubble_us).toBe(3 * 3000);
    expect(sumParts(t)).toBeCloseTo(t.total_us, 9);
  });

  test('interleaved with v chunks: the bubble shrinks to (p - 1)(F + B)/v; p v - 1 boundaries each way', () => {
    const t = pipelineTime(equal, plan('interleaved', 2), 8, 10);
    expect(t.bubble_us).toBe((3 * 3000) / 2);
    expect(t.pp_us).toBe(2 * 7 * 10);
    expect(sumParts(t)).toBeCloseTo(t.total_us, 9);
  });

  test('DualPipe: the all-to-all hides under the paired chunk; bubble (p/2 - 1)(F&B + B - 3W)', () => {
    const ranks = [0, 1, 2, 3].map(() => rank(1000, 2000, 500, 800));
    const t = pipelineTime(ranks, plan('dualpipe'), 8, 0);
    expect(t.ep_us).toBe(0);
    expect(t.bubble_us).toBe(1 * (3000 + 2000 - 3 * 800));
    // Without DualPipe the same all-to-all is exposed in every micro-batch.
    expect(pipelineTime(ranks, plan('1f1b'), 8, 0).ep_us).toBe(8 * 500);
    // When it outlasts the compute, the excess shows.
    const slowComm = [0, 1, 2, 3].map(() => rank(1000, 2000, 5000, 800));
    expect(pipelineTime(slowComm, plan('dualpipe'), 8, 0).ep_us).toBe(8 * 2000);
  });

  test('the slowest rank bounds the steady state; the others add to fill and drain', () => {
    const ranks = [rank(1000, 2000), rank(2000, 4000), rank(1000, 2000), rank(1000, 2000)];
    const t = pipelineTime(ranks, plan('1f1b'), 8, 0);
    expect(t.slowest_rank).toBe(1);
    expect(t.total_us).toBe(8 * 6000 + 3 * 3000);
  });
});
