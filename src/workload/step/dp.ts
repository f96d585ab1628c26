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
import { allReduceUs, reduceScatterUs } from './collectives.ts';
import type { StepCluster } from './cluster.ts';
import { hbmBytesPerUs } from './kernels.ts';
import type { RankCost } from './partition.ts';
import type { Plan } from './plan.ts';

/** Megatron-LM DDP bucket: max(40M, 1M x DP) parameters (distributed_data_parallel.py; Q). */
export const bucketParams = (dpRanks: number): number => Math.max(40e6, 1e6 * dpRanks);

export interface DpTime {
  /** Communication time of the critical rank, in full. */
  comm_us: number;
  /** What is left after overlap with compute. */
  exposed_us: number;
}

interface Collective {
  us: number;
  /** Share of the collective in its last (or first) bucket. */
  tail: number;
}

/** Reduce-scatter (or all-gather, same cost) of `params` x `bytes` over the dense and expert groups. */
function shardedCollective(c: StepCluster, p: Plan, r: RankCost, bytes: number, allReduce: boolean): Collective {
  const dense = p.dp * p.cp,
    expert = dense / p.ep;
  const op = allReduce ? allReduceUs : reduceScatterUs;
  const us = op(c, dense, p.tp, r.dense_params * bytes) + op(c, expert, p.tp * p.ep, r.expert_params * bytes);
  const params = r.dense_params + r.expert_params;
  return { us, tail: params > 0 ? Math.min(1, bucketParams(dense) / params) : 1 };
}

const exposed = (x: Collective, window: number): number => Math.max(x.us * x.tail, x.us - window);

/** DP time of pipeline rank `i` (0-based) over `mb` micro-batches. */
export function dpRankTime(c: StepCluster, p: Plan, r: RankCost, i: number, mb: number): DpTime {
  if (p.dp * p.cp === 1) return { comm_us: 0, exposed_us: 0 };
  const F = r.fwd_us + r.tp.fwd_us + r.cp.fwd_us + r.ep.fwd_us;
  const B = r.bwd_us + r.tp.bwd_us + r.cp.bwd_us + r.ep.bwd_us;
  const o = p.optimizer;
  if (p.zero === 0) {
    const ar = shardedCollective(c, p, r, o.grad_comm, true);
    return { comm_us: ar.us, exposed_us: exposed(ar, B + i * B) };
  }
  const rs = shardedCollective(c, p, r, o.grad_comm, false);
  const ag = shardedCollective(c, p, r, o.weight, false);
  if (p.zero < 3) {
    return {
      comm_us: rs.us + ag.us,
      exposed_us: exposed(rs, B + i * B) + exposed(ag, F + i * F),
    };
  }
  // ZeRO-3: per micro-batch a gather before forward and backward, a reduce-scatter after backward.
  const perMb = Math.max(0, ag.us - F) + Math.max(0, ag.us + rs.us - B);
  return { comm_us: mb * (2 * ag.us + rs.us), exposed_us: mb * perMb + rs.us * rs.tail };
}

/** The step's DP time: the rank whose exposed time is longest. */
export function dpTime(c: StepCluster, p: Plan, ranks: RankCost[], mb: number): DpTime {
  let worst: DpTime = { comm_us: 0, exposed_us: 0 };
  ranks.forEach((r, i) => {
    const t = dpRankTime(c, p, r, i, mb);
    if (t.exposed_us > worst.exposed_us || (t.exposed_us === worst.exposed_us && t.comm_us > worst.comm_us)) worst = t;
  });
  return worst;
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
