// Published training throughput against the step model (issue 12). Each case is derived from the
// published configuration only: the paper's cluster, model shape, parallel degrees, batch,
// sequence length, precision and schedule go in as given; what the paper does not state
// (interleave depth, recompute, ZeRO stage, micro-batch size where unstated) is left to the
// model's own plan search within its default space, and the fastest plan that fits is compared.
// One kernel-efficiency model serves every case (kernels.ts, cluster.ts: measured MAMF per chip,
// FlashAttention-3 on Hopper, and one kernel_realization factor, 0.8, for every op, chip and case);
// nothing is fitted per case.
//
// The finding behind the factor: with isolated-kernel throughput (realization 1) the model
// over-predicts all five rows alike, by 1.14-1.28x (geometric mean 1.23). The factor is that one
// number (1 / 1.23, rounded to 0.8), fitted once on the five rows together; the test below checks
// that leaving any row out still predicts it within 10%, so no single case sets it.
//
// Tolerance: 15% (the ceiling). The paper figures are themselves rounded (41% MFU is
// 40.5-41.5%) and unstated knobs move the model by ~10% (e.g. interleave 2 vs 4 chunks for Llama
// 3), so a tighter bound would claim more than the inputs support. Each row also pins the model's
// ratio within +-0.03, so a change to the model that moves it has to be looked at again.
import { describe, expect, test } from 'vitest';
import { A100_SXM, H100_SXM, H800_SXM, withGpus } from '../../../src/workload/step/cluster.ts';
import { DEEPSEEK_V3, GPT_1T, LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { ADAM_MIXED } from '../../../src/workload/step/plan.ts';
import { searchPlans, type SearchOptions } from '../../../src/workload/step/search.ts';
import type { StepModel } from '../../../src/workload/step/model.ts';
import type { StepCluster } from '../../../src/workload/step/cluster.ts';
import type { StepResult } from '../../../src/workload/step/step-time.ts';

const TOLERANCE = 0.15;
const PIN = 0.03;

function best(m: StepModel, c: StepCluster, o: SearchOptions): StepResult {
  const r = searchPlans(m, c, o);
  expect(
    r.best.length,
    `no plan of the published configuration fits: ${JSON.stringify(r.rejected_by_reason)}`,
  ).toBeGreaterThan(0);
  return r.best[0];
}

const at = (c: StepCluster, gpus: number, realization: number): StepCluster => ({
  ...withGpus(c, gpus),
  kernel_realization: realization,
});

/** Llama 3 405B (Meta, "The Llama 3 Herd of Models", 2024, Table 4; Q): the row's GPUs, TP/CP/PP/DP,
 * sequence, 16M-token batch (batch size per DP = micro-batches of one sequence), BF16; the
 * interleaved schedule and all-gather context parallelism (section 3.3.2; P). */
function llama(gpus: number, dp: number, cp: number, seq: number, realization = H100_SXM.kernel_realization) {
  return best({ ...LLAMA3_405B, context_tokens: seq }, at(H100_SXM, gpus, realization), {
    global_batch: Math.round((16 * 2 ** 20) / seq), // 16M tokens
    fixed: { tp: 8, cp, pp: 16, dp, micro_batch: 1, precision: 'bf16', schedule: 'interleaved', cp_kind: 'all_gather' },
  });
}

/** Narayanan et al., SC'21, Table 1 and section 5.1 (Q/P): batch 3,072 of 2,048 tokens, micro-batch 1,
 * interleaved schedule, full activation recompute (their FLOP count includes it: compare hardware
 * FLOP/s), no sequence parallelism, attention with the score matrix in HBM (no FlashAttention in 2021). */
function megatron(realization = A100_SXM.kernel_realization): StepResult {
  return best(GPT_1T, at(A100_SXM, 3072, realization), {
    global_batch: 3072,
    fixed: {
      tp: 8,
      pp: 64,
      dp: 6,
      micro_batch: 1,
      schedule: 'interleaved',
      recompute: 'full',
      sequence_parallel: false,
      attention_kernel: 'materialized',
    },
  });
}

/** DeepSeek-V3 report (arXiv:2412.19437; Q): PP16 with DualPipe, EP64 over 8 nodes, ZeRO-1, no TP,
 * FP8 GEMMs, 20 of 132 SMs for communication, node-limited routing M = 4, 4,096-token sequences,
 * batch 15,360 sequences (section 4.2), AdamW moments in BF16 with FP32 master weights (section
 * 3.3.3): 4 + 2 + 2 = 8 bytes of state per parameter. Returns GPU-hours per trillion tokens. */
function deepseek(realization = H800_SXM.kernel_realization): { r: StepResult; gpu_hours_per_t: number } {
  const r = best(DEEPSEEK_V3, at(H800_SXM, 2048, realization), {
    global_batch: 15360,
    precision: 'fp8',
    step: { node_limit: 4 },
    fixed: {
      tp: 1,
      pp: 16,
      dp: 128,
      cp: 1,
      ep: 64,
      schedule: 'dualpipe',
      zero: 1,
      comm_sms: 20,
      optimizer: { ...ADAM_MIXED, state: 8 },
    },
  });
  const tokensPerGpuS = r.tokens_per_step / (r.step_us / 1e6) / 2048;
  return { r, gpu_hours_per_t: 1e12 / tokensPerGpuS / 3600 };
}

/** Model throughput / published throughput for the five rows. */
function ratios(realization?: number): number[] {
  return [
    llama(16384, 128, 1, 8192, realization).mfu / 0.41,
    llama(8192, 64, 1, 8192, realization).mfu / 0.43,
    llama(16384, 8, 16, 131072, realization).mfu / 0.38,
    megatron(realization).hardware_tflops_per_gpu / 163,
    180e3 / deepseek(realization).gpu_hours_per_t,
  ];
}

const geomean = (xs: number[]): number => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

function expectRatio(ratio: number, pinned: number): void {
  expect(Math.abs(ratio - 1)).toBeLessThan(TOLERANCE);
  expect(ratio).toBeGreaterThan(pinned - PIN);
  expect(ratio).toBeLessThan(pinned + PIN);
}

describe('published figures (issue 12)', () => {
  test('Llama 3 405B, 16,384 H100, TP8 CP1 PP16 DP128: paper 41% MFU, 400 TFLOP/s; the model 40.8%', () => {
    const r = llama(16384, 128, 1, 8192);
    expectRatio(r.mfu / 0.41, 0.995);
    expectRatio(r.model_tflops_per_gpu / 400, 1.01);
  });

  test('Llama 3 405B, 8,192 H100, DP64 (32 micro-batches): paper 43%; the model 45.8%', () => {
    expectRatio(llama(8192, 64, 1, 8192).mfu / 0.43, 1.064);
  });

  test('Llama 3 405B, CP16, 131,072-token sequences: paper 38% MFU; the model 35.8%', () => {
    const r = llama(16384, 8, 16, 131072);
    expectRatio(r.mfu / 0.38, 0.942);
    expect(r.breakdown.cp_us).toBeGreaterThan(0);
  });

  test('Llama 3: long context costs MFU in the paper (38/41 = 0.93) and in the model, within 15%', () => {
    const ratio = llama(16384, 8, 16, 131072).mfu / llama(16384, 128, 1, 8192).mfu;
    expect(Math.abs(ratio / (38 / 41) - 1)).toBeLessThan(TOLERANCE); // model 0.88
  });

  test('Megatron-LM 1T GPT, 3,072 A100, TP8 PP64 DP6: paper 163 TFLOP/s (502 PF/s); the model 169', () => {
    const r = megatron();
    const aggregate_pf = (r.hardware_tflops_per_gpu * 3072) / 1e3;
    expectRatio(r.hardware_tflops_per_gpu / 163, 1.039);
    expect(aggregate_pf / 502).toBeCloseTo(r.hardware_tflops_per_gpu / 163.4, 2); // 502 PF = 3,072 x 163.4 TF
  });

  test('DeepSeek-V3, 2,048 H800: paper 180K GPU-hours per trillion tokens; the model 175K', () => {
    const { r, gpu_hours_per_t } = deepseek();
    expectRatio(180e3 / gpu_hours_per_t, 1.029);
    expect(r.breakdown.ep_us).toBe(0); // the all-to-all fully hidden, as the report says
  });

  test('the finding: isolated-kernel throughput over-predicts every row alike; 0.8 is 1 / their geometric mean', () => {
    const raw = ratios(1);
    for (const x of raw) expect(x).toBeGreaterThan(1.1); // 1.18, 1.28, 1.14, 1.28, 1.28
    const g = geomean(raw);
    expect(g).toBeGreaterThan(1.23 - PIN);
    expect(g).toBeLessThan(1.23 + PIN);
    expect(Math.abs(H100_SXM.kernel_realization * g - 1)).toBeLessThan(0.03);
    // Leave one out: the factor refitted on the other four rows (to first order, throughput scales
    // with it) predicts the row left out within 10%.
    raw.forEach((x, i) => {
      const others = geomean(raw.filter((_, j) => j !== i));
      expect(Math.abs(x / others - 1), `row ${i}`).toBeLessThan(0.1);
    });
  });
});
