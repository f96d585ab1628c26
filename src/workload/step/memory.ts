// The HBM footprint of one GPU under a plan, by part, against the usable capacity.
// - weights, gradients, optimizer state: the rank's parameters x bytes per parameter, sharded over
//   the data-parallel group by the ZeRO stage (1: state; 2: + gradients; 3: + weights; Rajbhandari
//   et al. 2020); expert parameters shard over DP x CP / EP ranks;
// - activations: what the rank holds for the micro-batches in flight at its fullest (partition.ts:
//   1F1B p - i on rank i, interleaving (p - 1)/v more, DualPipe PP + 1 over its two stages), plus
//   what full recompute rebuilds for one layer;
// - buffers: two gradient buckets, the TP all-gather of one layer's input, and under ZeRO-3 the
//   weights of two layers gathered ahead (prefetch).
// The footprint of the plan is its fullest rank's. Invariant: every part is >= 0.
import type { StepCluster } from './cluster.ts';
import { bucketParams } from './dp.ts';
import { meanRankParams } from './mean-rank.ts';
import type { RankCost } from './stage-cost.ts';
import type { OptimizerBytes, Plan } from './plan.ts';
import { totalParameters, type StepModel } from './model.ts';

export interface MemoryBreakdown {
  weights_gb: number;
  gradients_gb: number;
  optimizer_gb: number;
  activations_gb: number;
  buffers_gb: number;
  total_gb: number;
  capacity_gb: number;
  fits: boolean;
  /** The pipeline rank this footprint is for (the fullest). */
  rank: number;
}

type Parts = Pick<
  MemoryBreakdown,
  'weights_gb' | 'gradients_gb' | 'optimizer_gb' | 'activations_gb' | 'buffers_gb' | 'total_gb'
>;

/** The rank's footprint by part, into `out`. */
function fillParts(m: StepModel, p: Plan, r: RankCost, out: Parts): Parts {
  const o = p.optimizer,
    denseGroup = p.dp * p.cp,
    expertGroup = denseGroup / p.ep;
  const params = r.dense_params + r.expert_params;
  // Parameters held after sharding at ZeRO stage `stage` and above (no closures: a hot path).
  const sharded = r.dense_params / denseGroup + r.expert_params / expertGroup;
  const layerParams = r.layers > 0 ? params / r.layers : 0;
  const tokens = (p.micro_batch * m.context_tokens) / p.cp;
  const buffers =
    2 * bucketParams(denseGroup) * o.grad_comm +
    (p.tp > 1 ? tokens * m.d_model * 2 : 0) +
    (p.zero === 3 ? 2 * layerParams * o.weight : 0);
  out.weights_gb = ((p.zero >= 3 ? sharded : params) * o.weight) / 1e9;
  out.gradients_gb = ((p.zero >= 2 ? sharded : params) * o.grad) / 1e9;
  out.optimizer_gb = ((p.zero >= 1 ? sharded : params) * o.state) / 1e9;
  out.activations_gb = (r.act_bytes + r.work_bytes) / 1e9;
  out.buffers_gb = buffers / 1e9;
  out.total_gb = out.weights_gb + out.gradients_gb + out.optimizer_gb + out.activations_gb + out.buffers_gb;
  return out;
}

function rankMemory(m: StepModel, c: StepCluster, p: Plan, r: RankCost, i: number): MemoryBreakdown {
  return breakdownOf(c, fillParts(m, p, r, newParts()), i);
}

function breakdownOf(c: StepCluster, x: Parts, rank: number): MemoryBreakdown {
  const capacity_gb = c.hbm_gb * c.hbm_usable_fraction;
  return {
    weights_gb: x.weights_gb,
    gradients_gb: x.gradients_gb,
    optimizer_gb: x.optimizer_gb,
    activations_gb: x.activations_gb,
    buffers_gb: x.buffers_gb,
    total_gb: x.total_gb,
    capacity_gb,
    fits: x.total_gb <= capacity_gb,
    rank,
  };
}

const newParts = (): Parts => ({
  weights_gb: 0,
  gradients_gb: 0,
  optimizer_gb: 0,
  activations_gb: 0,
  buffers_gb: 0,
  total_gb: 0,
});
const SCRATCH = newParts();

/** planMemory's pass over the ranks, one at a time (keepFullest in rank order, then memoryOf): the
 * fullest rank (the first of equals) and its parts. */
export interface FullestRank {
  rank: number;
  parts: Parts;
}
export const newFullest = (): FullestRank => ({ rank: -1, parts: newParts() });

/** Rank `i` (ranks in order from 0) into `f`. */
export function keepFullest(m: StepModel, p: Plan, r: RankCost, i: number, f: FullestRank): void {
  const x = fillParts(m, p, r, SCRATCH);
  if (i > 0 && !(x.total_gb > f.parts.total_gb)) return;
  const k = f.parts;
  f.rank = i;
  k.weights_gb = x.weights_gb;
  k.gradients_gb = x.gradients_gb;
  k.optimizer_gb = x.optimizer_gb;
  k.activations_gb = x.activations_gb;
  k.buffers_gb = x.buffers_gb;
  k.total_gb = x.total_gb;
}

/** The fullest rank's footprint from a scan. */
export const memoryOf = (c: StepCluster, f: FullestRank): MemoryBreakdown => breakdownOf(c, f.parts, f.rank);

/** The fullest rank's footprint (the first of equals). */
export function planMemory(m: StepModel, c: StepCluster, p: Plan, ranks: RankCost[]): MemoryBreakdown {
  const f = newFullest();
  for (let i = 0; i < ranks.length; i++) keepFullest(m, p, ranks[i], i, f);
  return memoryOf(c, f);
}

/** Relative slack under footprintFloorGb, for sums taken in another order than fillParts'. */
const FLOOR_ROUNDING = 1e-9;

/**
 * A floor under planMemory's total_gb without the partition: the fullest rank holds at least the
 * mean rank's parameters (meanRankParams; weights, gradients and optimizer state are linear in
 * them), `actFloorBytes` of activations (0, or meanRankActFloorBytes: the fullest rank's total is
 * at least the mean rank's, parameters and activations together), and the buffers every rank has
 * (ZeRO-3's prefetch counted as 0). The
 * plan search skips a plan that cannot fit HBM where only fitting plans can win (searcher.ts).
 */
export function footprintFloorGb(m: StepModel, p: Plan, actFloorBytes = 0): number {
  const mean = meanRankParams(m, p);
  const r = {
    dense_params: mean.dense,
    expert_params: mean.expert,
    layers: 0,
    act_bytes: actFloorBytes,
    work_bytes: 0,
  };
  const x = fillParts(m, p, r as RankCost, newParts());
  return x.total_gb * (1 - FLOOR_ROUNDING);
}

/**
 * A floor under every plan's footprint (GB per GPU): each parameter's weight, gradient and
 * optimizer state held once across the cluster (ZeRO-3 over every rank, nothing else). The GPUs
 * together hold every parameter at least once (stage-cost.ts: TP and EP split, DP x CP shard), so
 * the fullest GPU holds at least the mean. Above the usable capacity, no plan fits.
 */
export function minFootprintGb(m: StepModel, gpus: number, o: OptimizerBytes): number {
  return (totalParameters(m) * (o.weight + o.grad + o.state)) / gpus / 1e9;
}
