// Data-parallel communication per optimizer step with ZeRO stages 0-3 (Rajbhandari et al. 2020)
// and bucketed overlap (Megatron-LM distributed data parallel: gradients are reduced bucket by
// bucket as the last micro-batch's backward finalizes them; parameters are gathered bucket by
// bucket as the next forward needs them). Replicated (dense) parameters are reduced over the
// DP x CP ranks; expert parameters over DP x CP / EP ranks (each expert lives on one EP rank).
// - ZeRO 0: all-reduce gradients; 1 and 2: reduce-scatter gradients, all-gather updated weights;
// - ZeRO 3: weights all-gathered before every micro-batch's forward and backward, gradients
//   reduce-scattered after every micro-batch's backward.
// Overlap: rank i hides its gradient reduction behind its last backward plus the i backward steps
// by which it ends before rank 0 (the last backward flows from the last rank to the first), and
// its gather behind its first forward plus the i forward steps it starts after rank 0; the last
// bucket (the first, for the gather) never hides.
// Invariant: exposed time is in [0, communication time]; 0 when the DP group is one rank.
import { groupAllReduceUs, groupInto, groupReduceScatterUs, newGroup, type Group } from './collectives.ts';
import type { StepCluster } from './cluster.ts';
import { hbmBytesPerUs } from './kernels.ts';
import type { RankCost } from './stage-cost.ts';
import type { Plan } from './plan.ts';

/** Megatron-LM DDP bucket: max(40M, 1M x DP) parameters (distributed_data_parallel.py; Q). */
export const bucketParams = (dpRanks: number): number => Math.max(40e6, 1e6 * dpRanks);

export interface DpTime {
  /** Communication time of the critical rank, in full. */
  comm_us: number;
  /** What is left after overlap with compute. */
  exposed_us: number;
}

/** The plan's dense (DP x CP ranks, stride TP) and expert (DP x CP / EP, stride TP x EP) groups. */
export interface DpGroups {
  dense: Group;
  expert: Group;
}
export const newDpGroups = (): DpGroups => ({ dense: newGroup(), expert: newGroup() });

/** The plan's groups into `g` (once per plan: every rank's collectives run over them). Only where
 * the DP group has more than one rank (dpRankInto asks for none otherwise). */
export function dpGroupsInto(c: StepCluster, p: Plan, g: DpGroups): DpGroups {
  const dense = p.dp * p.cp,
    expert = dense / p.ep;
  groupInto(c, dense, p.tp, g.dense);
  groupInto(c, expert, p.tp * p.ep, g.expert);
  return g;
}

/** Reduce-scatter (or all-gather, same cost) of `params` x `bytes` over the dense and expert groups. */
function collectiveUs(g: DpGroups, r: RankCost, bytes: number, allReduce: boolean): number {
  if (allReduce)
    return groupAllReduceUs(g.dense, r.dense_params * bytes) + groupAllReduceUs(g.expert, r.expert_params * bytes);
  return gatherUs(g, r.dense_params, r.expert_params, bytes);
}

/** Reduce-scatter (or all-gather) of `dense` and `expert` parameters x `bytes` over their groups:
 * affine in the parameters (ring closed forms: latency + bytes / bandwidth). */
const gatherUs = (g: DpGroups, dense: number, expert: number, bytes: number): number =>
  groupReduceScatterUs(g.dense, dense * bytes) + groupReduceScatterUs(g.expert, expert * bytes);

/** ZeRO-3's exposed time per micro-batch: the gather `ag` the forward `F` does not hide, and the
 * gather and reduce-scatter `rs` the backward `B` does not. */
const zero3PerMicroBatchUs = (ag: number, rs: number, F: number, B: number): number =>
  Math.max(0, ag - F) + Math.max(0, ag + rs - B);

const FLOOR_GROUPS = newDpGroups();

/**
 * A floor under the step's ZeRO-3 exposed DP time over `mb` micro-batches (0 for other stages or
 * a DP group of one), from the mean pipeline rank: its parameters (`dense`, `expert`) and its
 * forward and backward per micro-batch (`F`, `B`, the means of dpRankInto's). The step's exposed
 * time is the largest rank's, at least the ranks' mean; each rank's is at least mb x its
 * per-micro-batch exposure (the last bucket's reduce-scatter counted as 0), a sum of
 * max(0, affine) in the rank's parameters, F and B (gatherUs is affine), so convex, and the mean of
 * a convex function over the ranks is at least its value at their mean (Jensen). The plan search's
 * step-time floor adds it (step-time.ts): ZeRO-3 plans spend most of their step here.
 */
export function zero3DpFloorUs(
  c: StepCluster,
  p: Plan,
  mb: number,
  dense: number,
  expert: number,
  F: number,
  B: number,
): number {
  if (p.zero !== 3 || p.dp * p.cp === 1) return 0;
  const g = dpGroupsInto(c, p, FLOOR_GROUPS),
    o = p.optimizer;
  const ag = gatherUs(g, dense, expert, o.weight),
    rs = gatherUs(g, dense, expert, o.grad_comm);
  return mb * zero3PerMicroBatchUs(ag, rs, F, B);
}

/** Share of a collective in its last (or first) bucket (the same for every collective of a rank). */
function tailShare(p: Plan, r: RankCost): number {
  const params = r.dense_params + r.expert_params;
  return params > 0 ? Math.min(1, bucketParams(p.dp * p.cp) / params) : 1;
}

const exposed = (us: number, tail: number, window: number): number => Math.max(us * tail, us - window);

/** DP time of pipeline rank `i` (0-based) over `mb` micro-batches, into `out` (numbers only: the
 * plan search asks for every rank of every plan it times); `g`: the plan's groups (dpGroupsInto). */
function dpRankInto(p: Plan, g: DpGroups, r: RankCost, i: number, mb: number, out: DpTime): DpTime {
  if (p.dp * p.cp === 1) {
    out.comm_us = out.exposed_us = 0;
    return out;
  }
  const F = r.fwd_us + r.tp.fwd_us + r.cp.fwd_us + r.ep.fwd_us;
  const B = r.bwd_us + r.tp.bwd_us + r.cp.bwd_us + r.ep.bwd_us;
  const o = p.optimizer;
  const tail = tailShare(p, r);
  if (p.zero === 0) {
    const ar = collectiveUs(g, r, o.grad_comm, true);
    out.comm_us = ar;
    out.exposed_us = exposed(ar, tail, B + i * B);
    return out;
  }
  const rs = collectiveUs(g, r, o.grad_comm, false);
  const ag = collectiveUs(g, r, o.weight, false);
  if (p.zero < 3) {
    out.comm_us = rs + ag;
    out.exposed_us = exposed(rs, tail, B + i * B) + exposed(ag, tail, F + i * F);
    return out;
  }
  // ZeRO-3: per micro-batch a gather before forward and backward, a reduce-scatter after backward.
  const perMb = zero3PerMicroBatchUs(ag, rs, F, B);
  out.comm_us = mb * (2 * ag + rs);
  out.exposed_us = mb * perMb + rs * tail;
  return out;
}

/** DP time of pipeline rank `i` (0-based) over `mb` micro-batches. */
export const dpRankTime = (c: StepCluster, p: Plan, r: RankCost, i: number, mb: number): DpTime =>
  dpRankInto(p, groupsOf(c, p), r, i, mb, { comm_us: 0, exposed_us: 0 });

const GROUPS = newDpGroups();
/** The plan's groups (scratch) where it has a DP group of more than one rank. */
const groupsOf = (c: StepCluster, p: Plan): DpGroups => (p.dp * p.cp === 1 ? GROUPS : dpGroupsInto(c, p, GROUPS));

const RANK: DpTime = { comm_us: 0, exposed_us: 0 };

/** Rank `i` into `keep` (ranks in order, `keep` from { 0, 0 }): the rank whose exposed time is
 * longest, the first of equals unless its communication is longer. */
export function keepDpRank(p: Plan, g: DpGroups, r: RankCost, i: number, mb: number, keep: DpTime): void {
  const t = dpRankInto(p, g, r, i, mb, RANK);
  if (t.exposed_us > keep.exposed_us || (t.exposed_us === keep.exposed_us && t.comm_us > keep.comm_us)) {
    keep.comm_us = t.comm_us;
    keep.exposed_us = t.exposed_us;
  }
}

/** The step's DP time: the rank whose exposed time is longest. */
export function dpTime(c: StepCluster, p: Plan, ranks: RankCost[], mb: number): DpTime {
  const keep: DpTime = { comm_us: 0, exposed_us: 0 };
  const g = p.dp * p.cp === 1 ? newDpGroups() : dpGroupsInto(c, p, newDpGroups());
  for (let i = 0; i < ranks.length; i++) keepDpRank(p, g, ranks[i], i, mb, keep);
  return keep;
}

/** The optimizer update: streams weights, gradients and state of this GPU's (sharded) parameters. */
export function optimizerUs(c: StepCluster, p: Plan, r: RankCost): number {
  const o = p.optimizer,
    shard = p.zero >= 1 ? 1 : 0;
  const dense = r.dense_params / (shard ? p.dp * p.cp : 1),
    expert = r.expert_params / (shard ? (p.dp * p.cp) / p.ep : 1);
  const bytes = (dense + expert) * (o.grad + 2 * o.state + 2 * o.weight);
  return bytes / hbmBytesPerUs(c);
}
