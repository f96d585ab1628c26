// The plan a scenario's run gets (run-plan.ts): batch rounding, GPU buckets and their
// interpolation, more GPUs never training less, and the critical batch's parallelism limit,
// checked by hand on Llama 3 405B on H100 (a 512-sequence, 4M-token batch keeps small clusters busy).
import { describe, expect, test } from 'vitest';
import { H100_SXM } from '../../../src/workload/step/cluster.ts';
import { LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { runBatchSequences } from '../../../src/workload/step/find-run-plan.ts';
import {
  gpuBuckets,
  referencePoint,
  runPlanAt,
  RunCurve,
  saturation,
  type RunPlanInputs,
} from '../../../src/workload/step/run-plan.ts';

const inputs: RunPlanInputs = { model: LLAMA3_405B, precision: 'bf16', batch_tokens: 512 * 8192, imbalance: 1 };
const c = { ...H100_SXM, gpus: 8 };

describe('run plans', () => {
  test('the batch: a multiple of the odd part of the domain x a power of two near 1/8 of it', () => {
    // 16M tokens / 8,192 = 1,953.1 sequences; domain 8: grain 2^floor(log2(1953.1 / 8)) = 128,
    // 15 x 128 = 1,920; domain 72: odd part 9, grain 9 x 2^floor(log2(1953.1 / 72)) = 144, 14 x 144 = 2,016
    expect(runBatchSequences(16e6, 8192, 8)).toBe(1920);
    expect(runBatchSequences(16e6, 8192, 72)).toBe(2016);
    expect(runBatchSequences(100, 8192, 72)).toBe(9); // at least the odd part
  });

  test('GPU buckets: a domain x a power of two either side, weighted in log2', () => {
    // 100,000 / 8 = 12,500 = 2^13.61: buckets 65,536 and 131,072, weight 0.61
    const b = gpuBuckets(100_000, 8);
    expect([b.lo, b.hi]).toEqual([65_536, 131_072]);
    expect(b.w).toBeCloseTo(Math.log2(12_500) - 13, 12);
    expect(gpuBuckets(5, 72)).toEqual({ lo: 72, hi: 144, w: 0 });
  });

  test('more GPUs never train less, and the throughput is continuous between buckets', () => {
    const ref = referencePoint(inputs, c, 2048).plan;
    let last = 0;
    for (const g of [1024, 1500, 2048, 3000, 4096, 6000, 8192, 12_000, 16_384, 24_000, 32_768]) {
      const t = runPlanAt(inputs, c, g, ref).mfu * g;
      expect(t).toBeGreaterThanOrEqual(last * (1 - 1e-12));
      last = t;
    }
    const at = (g: number) => runPlanAt(inputs, c, g, ref).mfu * g;
    expect(at(3000 * (1 + 1e-9)) / at(3000)).toBeCloseTo(1, 6);
  });

  test('the critical batch caps parallelism: at most batch x TP 8 x CP 4 = 16,384 GPUs busy', () => {
    // 512 sequences x TP 8 (the HGX domain) x CP 4 (8,192 / 2,048 tokens per rank) = 16,384
    const s = saturation(inputs, c, referencePoint(inputs, c, 2048).plan);
    expect(s.gpus).toBeLessThanOrEqual(512 * 8 * 4);
    const beyond = runPlanAt(inputs, c, 65_536, referencePoint(inputs, c, 2048).plan);
    expect(beyond.idle_fraction).toBeGreaterThanOrEqual(0.75 - 1e-12);
    expect(beyond.mfu * 65_536).toBeCloseTo(s.mfu_gpus, 6);
  });
  test("a curve's step and busy MFU are runPlanAt's, at buckets and between them, bit for bit", () => {
    const ref = referencePoint(inputs, c, 2048).plan;
    for (const scale of [1, 1.01]) {
      const curve = new RunCurve(inputs, c, ref, scale);
      const out = { step_s: NaN, busy_mfu: NaN };
      // twice: the first pass fills the curve's table of buckets' figures, the second reads it
      for (let pass = 0; pass < 2; pass++)
        for (const g of [1, 8, 1000, 1024, 1500, 1536, 2048, 2900, 3000, 4096, 50_000]) {
          const r = runPlanAt(inputs, c, g, ref, scale);
          curve.stepAndBusy(g, out);
          expect(out).toEqual({ step_s: r.step_s, busy_mfu: r.busy_mfu });
          expect(curve.at(g)).toEqual(r);
        }
    }
  });
});
