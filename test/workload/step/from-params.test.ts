import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.ts';
import { normalize } from '../../../src/params/params.ts';
import { activeParameters } from '../../../src/workload/step/model.ts';
import { computeOptimalParams } from '../../../src/workload/shape.ts';
import { defaultRunGpus, powerOfTwoBatch, stepInputsFromParams } from '../../../src/workload/step/from-params.ts';

describe('step inputs from a scenario year', () => {
  const p = normalize(loadScenario('scenarios/dense-frontier.yaml').scenario);

  test('the newest accelerator, the family at the compute-optimal size, a power-of-two batch', () => {
    const i = stepInputsFromParams(p, 2025, 512);
    expect(i.cluster).toMatchObject({
      name: 'B200',
      gpus: 512,
      domain_gpus: 8,
      hbm_gb: 180,
      scale_out_gbit_per_s: 400,
    });
    expect(i.cluster.peak_tflops).toEqual({ bf16: 2250, fp8: 4500, fp4: 9000 }); // the chip's own precisions
    expect(activeParameters(i.model) / computeOptimalParams(i.target_flop, p.data.tokens_per_param)).toBeCloseTo(1, 9);
    expect(i.global_batch).toBe(2048); // 16M tokens / 8,192 = 1,953 -> 2,048
  });

  test('default GPUs: the target in its days at the scenario MFU, in a power-of-two number of domains', () => {
    // 1e22 FLOP in 1e6 s at 1e15 FLOP/s x 0.5 = 20 GPUs -> 8 x 4 = 32
    expect(defaultRunGpus(1e22, 1e6, 1e15, 0.5, 8)).toBe(32);
    expect(defaultRunGpus(1, 1e6, 1e15, 0.5, 72)).toBe(72);
    expect(powerOfTwoBatch(1953)).toBe(2048);
    expect(powerOfTwoBatch(0.3)).toBe(1);
  });
});
