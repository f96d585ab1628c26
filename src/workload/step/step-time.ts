// One optimizer step of a model on a cluster under a plan:
//
//   plan checks -> per-layer costs (roofline + TP/CP/EP, recompute) -> layers onto pipeline ranks
//   -> pipeline schedule (work, exposed communication, bubble) -> data-parallel exposure
//   -> optimizer update -> memory per GPU -> MFU and hardware FLOP/s
//
// MFU = model FLOPs per token (6 N_active + causal attention, model.ts) x tokens per step /
// (GPUs x dense peak at the plan's precision x step time); hardware FLOP/s count what the GPUs
// execute, recompute included (the figure Megatron-LM SC'21 reports).
// Invariant: the breakdown adds up to step_us; a pure function of its inputs.
import { clusterProblems, type StepCluster } from './cluster.ts';
import { p2pUs } from './collectives.ts';
import { dpGroupsInto, keepDpRank, newDpGroups, optimizerUs, zero3DpFloorUs, type DpTime } from './dp.ts';
import { layerCosts, type LayerCosts, type LayerTime, type StepOptions } from './layer-cost.ts';
import { keepFullest, memoryOf, newFullest, type MemoryBreakdown } from './memory.ts';
import { denseLayerCount, modelFlopsPerToken, modelProblems, type StepModel } from './model.ts';
import { planStarts } from './layer-cut.ts';
import { meanRankParams } from './mean-rank.ts';
import { rankInto } from './partition.ts';
import { emptyRankCost } from './stage-cost.ts';
import { newPipelineScan, pipelineOf, scanRank, transferUs } from './pipeline.ts';
import { microBatches, planProblems, type Plan } from './plan.ts';

export type { StepOptions } from './layer-cost.ts';

export interface StepBreakdown {
  compute_us: number;
  recompute_us: number;
  tp_us: number;
  cp_us: number;
  ep_us: number;
  pp_us: number;
  dp_us: number;
  bubble_us: number;
  optimizer_us: number;
}

export interface StepResult {
  plan: Plan;
  step_us: number;
  breakdown: StepBreakdown;
  memory: MemoryBreakdown;
  micro_batches: number;
  tokens_per_step: number;
  model_flops_per_token: number;
  /** Model FLOP/s per GPU / dense peak at the plan's precision. */
  mfu: number;
  model_tflops_per_gpu: number;
  hardware_tflops_per_gpu: number;
  /** Data-parallel communication before overlap. */
  dp_comm_us: number;
  slowest_rank: number;
}

export class PlanError extends RangeError {
  override name = 'PlanError';
  constructor(readonly problems: string[]) {
    super(`plan cannot run: ${problems.join('; ')}`);
  }
}

/** Everything that makes the inputs unusable together; empty when stepTime can evaluate them. */
export function stepProblems(m: StepModel, c: StepCluster, p: Plan): string[] {
  const own = [...modelProblems(m).map((x) => `model: ${x}`), ...clusterProblems(c).map((x) => `cluster: ${x}`)];
  return own.length ? own : planProblems(m, c, p);
}

/** The step time, its breakdown, memory per GPU and MFU; throws PlanError if the plan cannot run. */
export function stepTime(m: StepModel, c: StepCluster, p: Plan, o: StepOptions = {}): StepResult {
  const problems = stepProblems(m, c, p);
  if (problems.length) throw new PlanError(problems);
  return evaluatePlan(m, c, p, o);
}

/** The rank stepCore fills, one rank at a time, and its scans (one plan at a time: not reentrant). */
const RANK = emptyRankCost();
const PIPE = newPipelineScan();
const FULLEST = newFullest();
const DP_GROUPS = newDpGroups();

/** The step's parts evaluatePlan and timePlan share (one computation, so both give the same step_us):
 * every pipeline rank built in turn into one scratch rank and read by the pipeline, data-parallel,
 * optimizer and memory scans, in rank order (the sums and maxima of the whole partition's). */
function stepCore(m: StepModel, c: StepCluster, p: Plan, o: StepOptions) {
  const mb = microBatches(p);
  const costs = layerCosts(m, c, p, o);
  const starts = planStarts(m, p, costs);
  const dp: DpTime = { comm_us: 0, exposed_us: 0 };
  const groups = p.dp * p.cp === 1 ? DP_GROUPS : dpGroupsInto(c, p, DP_GROUPS);
  let optimizer_us = -Infinity; // the slowest rank's update
  let flops = 0; // summed over ranks (hardwareFlops)
  for (let i = 0; i < p.pp; i++) {
    const r = rankInto(m, p, costs, starts, i, mb, RANK);
    scanRank(PIPE, r, i, p.schedule);
    keepDpRank(p, groups, r, i, mb, dp);
    optimizer_us = Math.max(optimizer_us, optimizerUs(c, p, r));
    keepFullest(m, p, r, i, FULLEST);
    flops += r.flops;
  }
  const tokens = (p.micro_batch * m.context_tokens) / p.cp;
  const p2p = p2pUs(c, p.tp * p.cp * p.dp, (tokens / p.tp) * m.d_model * 2);
  const pipe = pipelineOf(PIPE, p.pp, p, mb, p2p);
  const step_us = pipe.total_us + dp.exposed_us + optimizer_us;
  return { mb, pipe, dp, optimizer_us, step_us, flops, memory: FULLEST };
}

/** What a plan search keeps of a plan it timed: evaluatePlan's step time and memory fit, nothing else. */
export interface PlanTiming {
  plan: Plan;
  step_us: number;
  /** The fullest rank's footprint and the usable HBM (evaluatePlan's memory.total_gb, capacity_gb). */
  total_gb: number;
  capacity_gb: number;
  fits: boolean;
}

/** evaluatePlan's step time and memory fit without its breakdown (a search times thousands of plans
 * and keeps one: evaluatePlan on the winner gives its full result, the same numbers). */
export function timePlan(m: StepModel, c: StepCluster, p: Plan, o: StepOptions = {}): PlanTiming {
  const x = stepCore(m, c, p, o);
  const total_gb = x.memory.parts.total_gb,
    capacity_gb = c.hbm_gb * c.hbm_usable_fraction;
  return { plan: p, step_us: x.step_us, total_gb, capacity_gb, fits: total_gb <= capacity_gb };
}

/** stepTime without the checks (the search checks once per plan itself). */
export function evaluatePlan(m: StepModel, c: StepCluster, p: Plan, o: StepOptions = {}): StepResult {
  const { mb, pipe, dp, optimizer_us, step_us, flops, memory } = stepCore(m, c, p, o);
  const tokens_per_step = p.global_batch * m.context_tokens;
  const mfpt = modelFlopsPerToken(m);
  const peak = c.peak_tflops[p.precision]! * 1e12;
  const modelPerGpu = (mfpt * tokens_per_step) / c.gpus / (step_us / 1e6);
  return {
    plan: p,
    step_us,
    breakdown: {
      compute_us: pipe.compute_us,
      recompute_us: pipe.recompute_us,
      tp_us: pipe.tp_us,
      cp_us: pipe.cp_us,
      ep_us: pipe.ep_us,
      pp_us: pipe.pp_us,
      dp_us: dp.exposed_us,
      bubble_us: pipe.bubble_us,
      optimizer_us,
    },
    memory: memoryOf(c, memory),
    micro_batches: mb,
    tokens_per_step,
    model_flops_per_token: mfpt,
    mfu: modelPerGpu / peak,
    model_tflops_per_gpu: modelPerGpu / 1e12,
    hardware_tflops_per_gpu: (flops * mb) / p.pp / (step_us / 1e6) / 1e12,
    dp_comm_us: dp.comm_us,
    slowest_rank: pipe.slowest_rank,
  };
}

/** A layer's expert all-to-all time, and its whole pass (stepTimeFloor's sums). */
const ep = (t: LayerTime): number => t.ep.fwd_us + t.ep.bwd_us;
/** A layer's forward and backward as dp.ts's overlap reads them (compute and TP, CP, EP time). */
const fwd = (t: LayerTime): number => t.fwd_us + t.tp.fwd_us + t.cp.fwd_us + t.ep.fwd_us;
const bwd = (t: LayerTime): number => t.bwd_us + t.tp.bwd_us + t.cp.bwd_us + t.ep.bwd_us;
const pass = (t: LayerTime): number =>
  t.fwd_us + t.bwd_us + t.tp.fwd_us + t.tp.bwd_us + t.cp.fwd_us + t.cp.bwd_us + ep(t);

/** Relative slack under the floor below, for sums taken in another order than evaluatePlan's. */
const FLOOR_ROUNDING = 1e-9;

/**
 * A floor under evaluatePlan's step time from the layer costs alone (no partition): the slowest
 * rank's pass is at least the mean over ranks, and the ranks' passes sum to every layer's pass
 * whatever the cut, so 1F1B's m x slowest + (sum - slowest) >= (m - 1) x sum / PP + sum,
 * interleaving's m x slowest + (sum - slowest) / v >= (m - 1/v) x sum / PP + sum / v, and
 * DualPipe's m x slowest >= m x max(work, all-to-all) / PP; plus the stage transfers (exact)
 * and, under ZeRO-3, dp.ts's floor on the exposed DP time from the mean rank (its parameters,
 * meanRankParams, and its forward and backward: every layer's over PP, as the ranks' sum to every
 * layer's whatever the cut, DualPipe's halves included); other DP exposure, bubble beyond that and
 * the optimizer taken as 0. The plan search skips a plan whose floor is no faster than the best it
 * has (searcher.ts), and which plans it skips does not change what it finds.
 */
export function stepTimeFloor(m: StepModel, c: StepCluster, p: Plan, o: StepOptions = {}): number {
  const l = layerCosts(m, c, p, o);
  const nd = denseLayerCount(m),
    nm = m.layers - nd;
  const sum = nd * pass(l.dense) + nm * pass(l.moe) + pass(l.first) + pass(l.last);
  const mb = microBatches(p),
    pp = p.pp;
  let pipe: number;
  if (pp === 1) pipe = mb * sum;
  else if (p.schedule === 'dualpipe') {
    const a2a = nd * ep(l.dense) + nm * ep(l.moe) + ep(l.first) + ep(l.last);
    pipe = (mb * Math.max(sum - a2a, a2a)) / pp;
  } else {
    const v = p.schedule === 'interleaved' ? p.chunks : 1;
    pipe = ((mb - 1 / v) * sum) / pp + sum / v;
  }
  const tokens = (p.micro_batch * m.context_tokens) / p.cp;
  const p2p = pp > 1 ? transferUs(p, pp, mb, p2pUs(c, p.tp * p.cp * p.dp, (tokens / p.tp) * m.d_model * 2)) : 0;
  return (pipe + p2p + zero3Floor(m, c, p, l, mb)) * (1 - FLOOR_ROUNDING);
}

/** zero3DpFloorUs at the mean pipeline rank (0 unless ZeRO-3 with a DP group). */
function zero3Floor(m: StepModel, c: StepCluster, p: Plan, l: LayerCosts, mb: number): number {
  if (p.zero !== 3 || p.dp * p.cp === 1) return 0;
  const nd = denseLayerCount(m),
    nm = m.layers - nd;
  const F = (nd * fwd(l.dense) + nm * fwd(l.moe) + fwd(l.first) + fwd(l.last)) / p.pp;
  const B = (nd * bwd(l.dense) + nm * bwd(l.moe) + bwd(l.first) + bwd(l.last)) / p.pp;
  const mean = meanRankParams(m, p);
  return zero3DpFloorUs(c, p, mb, mean.dense, mean.expert, F, B);
}
