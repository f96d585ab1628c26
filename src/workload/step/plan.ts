// A parallelism plan: how one optimizer step of a model is laid out on a cluster. Degrees (TP, PP,
// DP, CP, EP), micro-batching, the pipeline schedule, activation recompute, the ZeRO stage and the
// training precision, plus the software choices a published run states (attention kernel, overlap).
// Invariant: planProblems(model, cluster, plan) is empty exactly when stepTime can evaluate it;
// memory fit is checked separately (memory.ts), since a plan that does not fit still has a time.
import type { Precision, StepCluster } from './cluster.ts';
import { PRECISIONS } from './cluster.ts';
import type { StepModel } from './model.ts';
import { CP_KINDS, type CpKind } from './cp.ts';

export const SCHEDULES = ['1f1b', 'interleaved', 'dualpipe'] as const;
export type Schedule = (typeof SCHEDULES)[number];
export const RECOMPUTE = ['none', 'selective', 'full'] as const;
export type Recompute = (typeof RECOMPUTE)[number];
export const ATTENTION_KERNELS = ['flash', 'materialized'] as const;
export type AttentionKernel = (typeof ATTENTION_KERNELS)[number];

/** Bytes per parameter the optimizer keeps (mixed-precision Adam). */
export interface OptimizerBytes {
  /** Working weights (BF16). */
  weight: number;
  /** Gradient buffer (FP32 main grads in Megatron-LM). */
  grad: number;
  /** Master weights and Adam moments. */
  state: number;
  /** Bytes per gradient element on the wire in the data-parallel reduction. */
  grad_comm: number;
}

export interface Plan {
  tp: number;
  pp: number;
  dp: number;
  cp: number;
  /** Expert-parallel degree, drawn from the DP x CP ranks (not multiplied into the GPU count). */
  ep: number;
  /** Sequences per micro-batch. */
  micro_batch: number;
  /** Sequences per optimizer step (all data-parallel replicas). */
  global_batch: number;
  schedule: Schedule;
  /** Model chunks per pipeline rank (interleaved schedule; 1 otherwise). */
  chunks: number;
  recompute: Recompute;
  zero: 0 | 1 | 2 | 3;
  sequence_parallel: boolean;
  precision: Precision;
  attention_kernel: AttentionKernel;
  /** How context-parallel ranks exchange keys and values (cp.ts). */
  cp_kind: CpKind;
  /** Share of tensor-parallel communication hidden behind GEMMs (userbuffers-style overlap; 0: none). */
  tp_overlap: number;
  /** SMs reserved for communication kernels (DeepSeek-V3: 20 of 132); compute runs on the rest. */
  comm_sms: number;
  optimizer: OptimizerBytes;
}

/**
 * Mixed-precision Adam: BF16 weights 2 B, FP32 main gradients 4 B, FP32 master weights + two FP32
 * moments 12 B (Rajbhandari et al., ZeRO, 2020: K = 12; Q; Megatron-LM keeps main_grad in FP32; P),
 * gradients reduced in FP32 (Llama 3 paper 2024: "reduce-scatter gradients in FP32"; P).
 */
export const ADAM_MIXED: OptimizerBytes = { weight: 2, grad: 4, state: 12, grad_comm: 4 };

export const DEFAULT_PLAN: Omit<Plan, 'tp' | 'pp' | 'dp' | 'global_batch'> = {
  cp: 1,
  ep: 1,
  micro_batch: 1,
  schedule: '1f1b',
  chunks: 1,
  recompute: 'none',
  zero: 1,
  sequence_parallel: true,
  precision: 'bf16',
  attention_kernel: 'flash',
  cp_kind: 'ring',
  tp_overlap: 0,
  comm_sms: 0,
  optimizer: ADAM_MIXED,
};

/** A full plan from degrees plus any overrides. */
export function makePlan(p: Partial<Plan> & Pick<Plan, 'tp' | 'pp' | 'dp' | 'global_batch'>): Plan {
  const d = DEFAULT_PLAN; // an explicit literal: wide object spreads are slow on the search's hot path
  return {
    tp: p.tp,
    pp: p.pp,
    dp: p.dp,
    cp: p.cp ?? d.cp,
    ep: p.ep ?? d.ep,
    micro_batch: p.micro_batch ?? d.micro_batch,
    global_batch: p.global_batch,
    schedule: p.schedule ?? d.schedule,
    chunks: p.chunks ?? d.chunks,
    recompute: p.recompute ?? d.recompute,
    zero: p.zero ?? d.zero,
    sequence_parallel: p.sequence_parallel ?? d.sequence_parallel,
    precision: p.precision ?? d.precision,
    attention_kernel: p.attention_kernel ?? d.attention_kernel,
    cp_kind: p.cp_kind ?? d.cp_kind,
    tp_overlap: p.tp_overlap ?? d.tp_overlap,
    comm_sms: p.comm_sms ?? d.comm_sms,
    optimizer: p.optimizer ?? d.optimizer,
  };
}

export const gpusOf = (p: Plan): number => p.tp * p.pp * p.dp * p.cp;
/** Micro-batches each pipeline runs per optimizer step. */
export const microBatches = (p: Plan): number => p.global_batch / (p.dp * p.micro_batch);

/** Why the plan cannot run on this model and cluster; empty when it can. */
export function planProblems(m: StepModel, c: StepCluster, p: Plan): string[] {
  const out: string[] = [];
  for (const k of ['tp', 'pp', 'dp', 'cp', 'ep', 'micro_batch', 'global_batch', 'chunks'] as const)
    if (!(Number.isSafeInteger(p[k]) && p[k] >= 1)) out.push(`${k} must be an integer >= 1 (got ${p[k]})`);
  if (out.length) return out;
  if (gpusOf(p) !== c.gpus) out.push(`TP x PP x DP x CP = ${gpusOf(p)} is not the cluster's ${c.gpus} GPUs`);
  if (p.tp > c.domain_gpus) out.push(`TP ${p.tp} is beyond the scale-up domain (${c.domain_gpus} GPUs)`);
  if (m.heads % p.tp !== 0) out.push(`TP ${p.tp} does not divide the ${m.heads} attention heads`);
  if (p.pp * p.chunks > m.layers) out.push(`PP ${p.pp} x ${p.chunks} chunks exceeds the ${m.layers} layers`);
  if (m.context_tokens % (2 * p.cp) !== 0 && p.cp > 1)
    out.push(`CP ${p.cp}: the ${m.context_tokens}-token sequence does not split into 2 x CP chunks`);
  out.push(...expertProblems(m, p), ...batchProblems(p), ...choiceProblems(c, p));
  return out;
}

/**
 * planProblems(m, c, p).length === 0 without building the reasons (the plan search asks this of
 * every plan it considers; most of those that cannot run would otherwise format their messages).
 * It checks the same conditions as planProblems and its helpers below (a test checks they agree on
 * every enumerated plan and on random ones: test/workload/step/search-shortcuts.test.ts).
 */
export function planRuns(m: StepModel, c: StepCluster, p: Plan): boolean {
  // the fields by name, not by a loop over keys (a hot path: this is called for every plan considered)
  if (!(count(p.tp) && count(p.pp) && count(p.dp) && count(p.cp) && count(p.ep) && count(p.micro_batch))) return false;
  if (!(count(p.global_batch) && count(p.chunks))) return false;
  if (gpusOf(p) !== c.gpus || p.tp > c.domain_gpus || m.heads % p.tp !== 0 || p.pp * p.chunks > m.layers) return false;
  if (m.context_tokens % (2 * p.cp) !== 0 && p.cp > 1) return false;
  if (m.moe_layers === 0 ? p.ep !== 1 : (p.dp * p.cp) % p.ep !== 0 || m.routed_experts % p.ep !== 0) return false;
  return batchRuns(p) && choicesRun(c, p);
}

/** An integer >= 1 (planProblems' test of the degrees and counts). */
const count = (x: number): boolean => Number.isSafeInteger(x) && x >= 1;
const ZERO_STAGES: readonly number[] = [0, 1, 2, 3];

/** batchProblems(p).length === 0. */
function batchRuns(p: Plan): boolean {
  const m = microBatches(p);
  if (!Number.isInteger(m) || (p.pp > 1 && m < p.pp)) return false;
  if (p.schedule === 'interleaved') {
    if (p.pp < 2 || m % p.pp !== 0) return false;
  } else if (p.chunks !== 1) return false;
  if (p.schedule === 'dualpipe' && (p.pp < 2 || p.pp % 2 !== 0 || m % 2 !== 0)) return false;
  return true;
}

/** choiceProblems(c, p).length === 0. */
function choicesRun(c: StepCluster, p: Plan): boolean {
  return (
    (SCHEDULES as readonly string[]).includes(p.schedule) &&
    (RECOMPUTE as readonly string[]).includes(p.recompute) &&
    (ATTENTION_KERNELS as readonly string[]).includes(p.attention_kernel) &&
    (CP_KINDS as readonly string[]).includes(p.cp_kind) &&
    ZERO_STAGES.includes(p.zero) &&
    (PRECISIONS as readonly string[]).includes(p.precision) &&
    c.peak_tflops[p.precision] !== undefined &&
    p.tp_overlap >= 0 &&
    p.tp_overlap <= 1 &&
    Number.isInteger(p.comm_sms) &&
    p.comm_sms >= 0 &&
    p.comm_sms < c.sms
  );
}

function expertProblems(m: StepModel, p: Plan): string[] {
  if (m.moe_layers === 0) return p.ep === 1 ? [] : [`EP ${p.ep} on a dense model (EP must be 1)`];
  const out: string[] = [];
  if ((p.dp * p.cp) % p.ep !== 0) out.push(`EP ${p.ep} does not divide DP x CP = ${p.dp * p.cp}`);
  if (m.routed_experts % p.ep !== 0) out.push(`EP ${p.ep} does not divide the ${m.routed_experts} routed experts`);
  return out;
}

function batchProblems(p: Plan): string[] {
  const out: string[] = [];
  const m = microBatches(p);
  if (!Number.isInteger(m))
    out.push(`global batch ${p.global_batch} is not a whole number of micro-batches of ${p.micro_batch} x DP ${p.dp}`);
  else if (p.pp > 1 && m < p.pp) out.push(`${m} micro-batches cannot fill ${p.pp} pipeline stages`);
  if (p.schedule === 'interleaved') {
    if (p.pp < 2) out.push('the interleaved schedule needs PP >= 2');
    if (Number.isInteger(m) && m % p.pp !== 0) out.push(`interleaving needs micro-batches (${m}) divisible by PP`);
  } else if (p.chunks !== 1) out.push(`${p.chunks} chunks per rank need the interleaved schedule`);
  if (p.schedule === 'dualpipe') {
    if (p.pp < 2 || p.pp % 2 !== 0) out.push('DualPipe needs an even PP >= 2');
    if (Number.isInteger(m) && m % 2 !== 0) out.push('DualPipe needs an even number of micro-batches');
  }
  return out;
}

function choiceProblems(c: StepCluster, p: Plan): string[] {
  const out: string[] = [];
  if (!(SCHEDULES as readonly string[]).includes(p.schedule)) out.push(`unknown schedule "${p.schedule}"`);
  if (!(RECOMPUTE as readonly string[]).includes(p.recompute)) out.push(`unknown recompute "${p.recompute}"`);
  if (!(ATTENTION_KERNELS as readonly string[]).includes(p.attention_kernel))
    out.push(`unknown attention kernel "${p.attention_kernel}"`);
  if (!(CP_KINDS as readonly string[]).includes(p.cp_kind)) out.push(`unknown CP exchange "${p.cp_kind}"`);
  if (![0, 1, 2, 3].includes(p.zero)) out.push(`ZeRO stage must be 0, 1, 2 or 3 (got ${p.zero})`);
  if (!(PRECISIONS as readonly string[]).includes(p.precision)) out.push(`unknown precision "${p.precision}"`);
  else if (c.peak_tflops[p.precision] === undefined) out.push(`${c.name} has no ${p.precision} tensor cores`);
  if (!(p.tp_overlap >= 0 && p.tp_overlap <= 1)) out.push('tp_overlap must be in [0, 1]');
  if (!(Number.isInteger(p.comm_sms) && p.comm_sms >= 0 && p.comm_sms < c.sms))
    out.push(`comm_sms must be an integer in [0, ${c.sms - 1}]`);
  return out;
}
