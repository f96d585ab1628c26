// The shortcuts the years' plan search takes (local-search.ts) must not change what it finds:
// - planRuns says yes exactly where planProblems has no reason (over every enumerated plan, the
//   structurally invalid included, and over random field values);
// - timePlan gives evaluatePlan's step time and memory fit, bit for bit; and both (which build one
//   pipeline rank at a time) give what the whole partition gives (rankCosts read by pipelineTime,
//   dpTime, optimizerUs and planMemory), bit for bit;
// - footprintFloorGb is never above the footprint planMemory gives (or the search would skip a plan
//   that fits), with or without the activation floor (meanRankActFloorBytes, never above the ranks'
//   mean kept activations), and neither is vacuous (within 10% for some plan).
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { GB200_NVL72, H100_SXM, H800_SXM, withGpus } from '../../../src/workload/step/cluster.ts';
import { layerCosts } from '../../../src/workload/step/layer-cost.ts';
import { p2pUs } from '../../../src/workload/step/collectives.ts';
import { dpTime, optimizerUs } from '../../../src/workload/step/dp.ts';
import { footprintFloorGb, planMemory } from '../../../src/workload/step/memory.ts';
import { pipelineTime } from '../../../src/workload/step/pipeline.ts';
import { meanRankActFloorBytes } from '../../../src/workload/step/mean-rank.ts';
import { rankCosts } from '../../../src/workload/step/partition.ts';
import { DEEPSEEK_V3, LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { planSearchKey } from '../../../src/workload/step/search-evaluations.ts';
import { makePlan, microBatches, planProblems, planRuns } from '../../../src/workload/step/plan.ts';
import { enumeratePlans } from '../../../src/workload/step/search.ts';
import { evaluatePlan, timePlan } from '../../../src/workload/step/step-time.ts';

const cases = [
  ['Llama 3 405B on 256 H100', LLAMA3_405B, withGpus(H100_SXM, 256), 128, 'bf16', {}],
  ['DeepSeek-V3 on 128 H800, FP8', DEEPSEEK_V3, withGpus(H800_SXM, 128), 256, 'fp8', { expert_imbalance: 1.3 }],
  ['DeepSeek-V3 on 144 GB200 NVL72', DEEPSEEK_V3, withGpus(GB200_NVL72, 144), 288, 'fp8', { node_limit: 4 }],
] as const;

describe('plan-search shortcuts', () => {
  test.each(cases)('%s: planRuns, timePlan and the footprint floor', (_, m, c, batch, prec, o) => {
    let runs = 0,
      rejected = 0,
      tightest = 0,
      tightestAct = 0;
    for (const p of enumeratePlans(m, c, { global_batch: batch, precision: prec, micro_batch: [1, 3] })) {
      const ok = planProblems(m, c, p).length === 0;
      expect(planRuns(m, c, p)).toBe(ok);
      if (!ok) {
        rejected++;
        continue;
      }
      const full = evaluatePlan(m, c, p, o);
      const t = timePlan(m, c, p, o);
      expect([t.step_us, t.total_gb, t.capacity_gb, t.fits]).toEqual([
        full.step_us,
        full.memory.total_gb,
        full.memory.capacity_gb,
        full.memory.fits,
      ]);
      const floor = footprintFloorGb(m, p);
      expect(floor).toBeGreaterThan(0);
      expect(floor).toBeLessThanOrEqual(full.memory.total_gb);
      // the activation floor: under the ranks' mean kept bytes, and the floor with it still under
      const act = meanRankActFloorBytes(m, p, layerCosts(m, c, p, o));
      const ranks = rankCosts(m, p, layerCosts(m, c, p, o));
      const mb = microBatches(p);
      const tokens = (p.micro_batch * m.context_tokens) / p.cp;
      const pipe = pipelineTime(ranks, p, mb, p2pUs(c, p.tp * p.cp * p.dp, (tokens / p.tp) * m.d_model * 2));
      const dp = dpTime(c, p, ranks, mb);
      const optimizer = Math.max(...ranks.map((r) => optimizerUs(c, p, r)));
      expect(full.step_us).toBe(pipe.total_us + dp.exposed_us + optimizer);
      expect([full.breakdown.bubble_us, full.breakdown.dp_us, full.dp_comm_us]).toEqual([
        pipe.bubble_us,
        dp.exposed_us,
        dp.comm_us,
      ]);
      expect(full.slowest_rank).toBe(pipe.slowest_rank);
      expect(full.memory).toEqual(planMemory(m, c, p, ranks));
      expect(act).toBeGreaterThan(0);
      expect(act).toBeLessThanOrEqual((ranks.reduce((s, r) => s + r.act_bytes, 0) / ranks.length) * (1 + 1e-12));
      const withAct = footprintFloorGb(m, p, act);
      expect(withAct).toBeGreaterThan(floor);
      expect(withAct).toBeLessThanOrEqual(full.memory.total_gb);
      tightest = Math.max(tightest, floor / full.memory.total_gb);
      tightestAct = Math.max(tightestAct, act / (ranks.reduce((s, r) => Math.max(s, r.act_bytes), 0) || 1));
      runs++;
    }
    expect(runs).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
    expect(tightest).toBeGreaterThan(0.9);
    expect(tightestAct).toBeGreaterThan(0.9); // not vacuous: equal to the fullest rank's for some plan
  });
});

const field = <T>(...xs: T[]) => fc.constantFrom(...xs);

describe('planRuns on arbitrary field values', () => {
  fcTest.prop(
    [
      fc.record({
        tp: field(1, 2, 4, 8, 16, 3, 0, 1.5),
        pp: field(1, 2, 3, 4, 8, 61, 0),
        cp: field(1, 2, 4, 3, 0),
        ep: field(1, 2, 8, 64, 3, 0),
        micro_batch: field(1, 2, 4, 3, 0.5),
        chunks: field(1, 2, 4, 0),
        schedule: field('1f1b', 'interleaved', 'dualpipe', 'gpipe' as never),
        recompute: field('none', 'selective', 'full', 'some' as never),
        zero: field(0, 1, 2, 3, 4 as never),
        precision: field('bf16', 'fp8', 'fp4', 'fp16' as never),
        tp_overlap: field(0, 0.5, 1, 1.5, -0.1, NaN),
        comm_sms: field(0, 20, 131, 132, 1.5, -1),
        attention_kernel: field('flash', 'materialized', 'other' as never),
        cp_kind: field('ring', 'other' as never),
        global_batch: field(256, 255, 0),
      }),
      field(LLAMA3_405B, DEEPSEEK_V3),
    ],
    { numRuns: 3000 },
  )('agrees with planProblems', (f, m) => {
    const c = withGpus(H800_SXM, 128);
    const p = makePlan({ ...f, dp: c.gpus / (f.tp * f.pp * f.cp) } as Parameters<typeof makePlan>[0]);
    expect(planRuns(m, c, p)).toBe(planProblems(m, c, p).length === 0);
  });
});

type PlanFields = Parameters<typeof makePlan>[0];

describe('planSearchKey', () => {
  const fields = fc.record({
    tp: field(1, 2, 8, 255, 256, 1.5),
    cp: field(1, 4, 255, 256),
    pp: field(1, 3, 61, 511, 512),
    ep: field(1, 64, 4095, 4096, 0.5),
    micro_batch: field(1, 2, 31, 32),
    chunks: field(1, 2, 15, 16),
    schedule: field('1f1b', 'interleaved', 'dualpipe', 'gpipe' as never),
    recompute: field('none', 'selective', 'full', 'some' as never),
    zero: field(0, 1, 2, 3, 4 as never),
  });
  const text = (p: ReturnType<typeof makePlan>) =>
    [p.tp, p.cp, p.pp, p.ep, p.micro_batch, p.schedule, p.chunks, p.recompute, p.zero].join(',');
  fcTest.prop([fields, fields], { numRuns: 3000 })('equal keys exactly for equal searched fields', (a, b) => {
    const pa = makePlan({ ...a, dp: 1, global_batch: 8 } as PlanFields),
      pb = makePlan({ ...b, dp: 4, global_batch: 8 } as PlanFields);
    const ka = planSearchKey(pa),
      kb = planSearchKey(pb);
    expect(ka === kb).toBe(text(pa) === text(pb));
    // a number where every field is in range, exact in a double
    if (typeof ka === 'number') expect(Number.isSafeInteger(ka)).toBe(true);
  });
  test('the largest in-range plan is a safe integer, one past a field falls back to text', () => {
    const top = makePlan({
      tp: 255,
      cp: 255,
      pp: 511,
      ep: 4095,
      micro_batch: 31,
      chunks: 15,
      schedule: 'dualpipe',
      recompute: 'full',
      zero: 3,
      dp: 1,
      global_batch: 8,
    });
    expect(planSearchKey(top)).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(typeof planSearchKey({ ...top, ep: 4096 })).toBe('string');
    expect(
      planSearchKey({
        ...top,
        tp: 1,
        cp: 1,
        pp: 1,
        ep: 1,
        micro_batch: 1,
        chunks: 1,
        schedule: '1f1b',
        recompute: 'none',
        zero: 0,
      }),
    ).toBe((((((1 * 256 + 1) * 512 + 1) * 4096 + 1) * 32 + 1) * 16 + 1) * 4 * 4 * 4);
  });
});
