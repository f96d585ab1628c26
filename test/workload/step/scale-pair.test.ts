// Issue 12 item 5, isolated in the library: the same Blackwell chip, links, HBM and everything
// else, once in 8-GPU HGX domains and once in 72-GPU NVL72 domains, so that only the scale-up
// domain differs. The step model shows what the larger domain buys through expert parallelism
// (the all-to-all stays on NVLink) and how little it changes a dense model whose TP fits in 8.
import { describe, expect, test } from 'vitest';
import { B200_HGX, withGpus } from '../../../src/workload/step/cluster.ts';
import { DEEPSEEK_V3, LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { makePlan } from '../../../src/workload/step/plan.ts';
import { stepTime } from '../../../src/workload/step/step-time.ts';

const hgx = withGpus(B200_HGX, 4608); // 576 HGX nodes = 64 NVL72 racks
const nvl72 = { ...hgx, name: 'B200 in 72-GPU domains', domain_gpus: 72 };

describe('scale-up domain alone: 8 vs 72 GPUs, same chip and links', () => {
  test('MoE with EP 32: the all-to-all leaves the NIC, the step gets > 25% faster', () => {
    const p = makePlan({
      tp: 1,
      pp: 16,
      dp: 288,
      ep: 32,
      global_batch: 9216,
      recompute: 'selective',
      precision: 'fp8',
    });
    const a = stepTime(DEEPSEEK_V3, hgx, p, { node_limit: 4 });
    const b = stepTime(DEEPSEEK_V3, nvl72, p, { node_limit: 4 });
    expect(b.breakdown.ep_us).toBeLessThan(0.1 * a.breakdown.ep_us);
    expect(b.step_us).toBeLessThan(0.75 * a.step_us);
    // The same work: hardware FLOPs per GPU per step are equal (the partition may differ).
    expect(b.hardware_tflops_per_gpu * b.step_us).toBeCloseTo(a.hardware_tflops_per_gpu * a.step_us, 0);
  });

  test('dense with TP 8 inside either domain: within 5%', () => {
    const p = makePlan({ tp: 8, pp: 16, dp: 36, global_batch: 2304, recompute: 'selective' });
    const a = stepTime(LLAMA3_405B, hgx, p);
    const b = stepTime(LLAMA3_405B, nvl72, p);
    expect(Math.abs(b.step_us / a.step_us - 1)).toBeLessThan(0.05);
    expect(b.breakdown.tp_us).toBeCloseTo(a.breakdown.tp_us, 6);
  });
});
