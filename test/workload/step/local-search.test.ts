// The years' plan search (local-search.ts) against the exhaustive one (search.ts): the seeded
// descent times a few hundred plans and must find a plan within 1% of the exhaustive search's best
// step time. The dense cases are searched exhaustively over the default space; the MoE case over a
// narrowed one (ZeRO-1, micro-batch 1, CP 1: the full space on DeepSeek-V3 takes ~30,000 plans),
// which the descent, searching the whole space, must match or beat.
import { describe, expect, test } from 'vitest';
import { GB200_NVL72, H100_SXM, H800_SXM, withGpus } from '../../../src/workload/step/cluster.ts';
import { adaptPlan, localSearch } from '../../../src/workload/step/local-search.ts';
import { DEEPSEEK_V3, GPT_1T, LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { searchPlans } from '../../../src/workload/step/search.ts';

describe('seeded descent against the exhaustive search', () => {
  test.each([
    ['Llama 3 405B, 2,048 H100, 512 sequences', LLAMA3_405B, 2048, 512],
    ['the 1T GPT, 1,024 H100, 512 sequences', GPT_1T, 1024, 512],
  ] as const)('%s: within 1% of the best step time, timing a tenth of the plans', (_, m, gpus, batch) => {
    const c = withGpus(H100_SXM, gpus);
    const local = localSearch(m, c, { global_batch: batch, precision: 'bf16' });
    const full = searchPlans(m, c, { global_batch: batch, precision: 'bf16', top: 1 });
    expect(local.fits).toBe(true);
    expect(local.best!.memory.fits).toBe(true);
    expect(local.best!.step_us / full.best[0].step_us).toBeLessThan(1.01);
    expect(local.evaluated).toBeLessThan(full.evaluated / 10);
  });

  test('DeepSeek-V3, 512 H800, FP8: at least as fast as the best of the narrowed exhaustive space', () => {
    const c = withGpus(H800_SXM, 512);
    const local = localSearch(DEEPSEEK_V3, c, { global_batch: 2048, precision: 'fp8' });
    const narrowed = searchPlans(DEEPSEEK_V3, c, {
      global_batch: 2048,
      precision: 'fp8',
      top: 1,
      zero: [1],
      micro_batch: [1],
      cp: [1],
    });
    expect(local.best!.memory.fits).toBe(true);
    expect(local.best!.step_us / narrowed.best[0].step_us).toBeLessThan(1.01);
  });

  test('DeepSeek-V3, 144 GPUs in NVL72 domains, FP8: the exhaustive search’s best plan, within 1%', () => {
    // EP inside the 72-GPU domain: the all-to-all stays on NVLink (the scale pair's point)
    const c = withGpus(GB200_NVL72, 144);
    const o = { global_batch: 288, precision: 'fp8' as const, step: { node_limit: 4 } };
    const local = localSearch(DEEPSEEK_V3, c, o);
    const full = searchPlans(DEEPSEEK_V3, c, { ...o, top: 1 });
    expect(local.best!.memory.fits).toBe(true);
    expect(local.best!.step_us / full.best[0].step_us).toBeLessThan(1.01);
    expect(local.evaluated).toBeLessThan(full.evaluated / 10);
  });

  test('deterministic: the same inputs give the same plan and the same number of plans timed', () => {
    const c = withGpus(H100_SXM, 1024);
    const a = localSearch(GPT_1T, c, { global_batch: 512, precision: 'bf16' });
    const b = localSearch(GPT_1T, { ...c }, { global_batch: 512, precision: 'bf16' });
    expect(b.best!.plan).toEqual(a.best!.plan);
    expect(b.evaluated).toBe(a.evaluated);
  });

  test('adapting a plan to twice the GPUs keeps its shape and times a few dozen plans', () => {
    const ref = localSearch(LLAMA3_405B, withGpus(H100_SXM, 2048), { global_batch: 512, precision: 'bf16' }).best!;
    const twice = adaptPlan(LLAMA3_405B, withGpus(H100_SXM, 4096), { global_batch: 512, precision: 'bf16' }, ref.plan);
    const p = twice.best!.plan;
    expect(p.tp * p.pp * p.dp * p.cp).toBe(4096);
    expect([p.schedule, p.recompute]).toEqual([ref.plan.schedule, ref.plan.recompute]);
    expect(twice.evaluated).toBeLessThan(60);
  });
});
