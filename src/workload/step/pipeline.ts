// Pipeline schedules: the time of one optimizer step's forward and backward passes over m
// micro-batches on PP ranks, and how it splits into work, exposed communication and bubble.
// - 1F1B (Narayanan et al., SC'21): the slowest rank's m (F + B) plus the fill and drain of one
//   micro-batch through the other ranks, (p - 1) (F + B) when ranks are equal;
// - interleaved with v chunks per rank (same paper): the fill and drain shrink to 1/v;
// - DualPipe (DeepSeek-V3 report section 3.2.1, Table 2): micro-batches enter from both ends; a
//   forward chunk of one and a backward chunk of another run together, the all-to-all of each
//   hidden behind the other's compute on reserved SMs; bubble (PP/2 - 1)(F&B + B - 3W).
// Stage-to-stage transfers (t each): in 1F1B a backward waits for the next rank's backward, which
// waited for this rank's forward, so every micro-batch's cycle holds two transfers, 2 m t (the
// task simulation of schedule-sim.ts shows exactly this); interleaving's deeper warm-up leaves
// slack for steady-state transfers, and only fill and drain wait, 2 (p v - 1) t; DualPipe overlaps
// them with compute but for its fill and drain, 2 (p - 1) t.
// Invariant: the parts add up to the step's pipeline time; the bubble is >= 0.
import type { RankCost } from './stage-cost.ts';
import type { LayerTime } from './recompute.ts';
import type { Plan } from './plan.ts';

export interface PipelineTime {
  total_us: number;
  compute_us: number;
  recompute_us: number;
  tp_us: number;
  cp_us: number;
  ep_us: number;
  pp_us: number;
  bubble_us: number;
  /** The rank whose per-micro-batch time bounds the steady state. */
  slowest_rank: number;
}

/** Exposed stage-to-stage transfer time of the schedule (above), `t` per transfer. */
export function transferUs(p: Plan, pp: number, m: number, t: number): number {
  if (p.schedule === 'interleaved') return 2 * (pp * p.chunks - 1) * t;
  if (p.schedule === 'dualpipe') return 2 * (pp - 1) * t;
  return 2 * m * t;
}

/** One rank's time per micro-batch: F + B, with the expert all-to-all exposed or overlapped. */
export function rankPassUs(r: LayerTime, schedule: Plan['schedule']): { total: number; ep_exposed: number } {
  const work = r.fwd_us + r.bwd_us + r.tp.fwd_us + r.tp.bwd_us + r.cp.fwd_us + r.cp.bwd_us;
  const ep = r.ep.fwd_us + r.ep.bwd_us;
  if (schedule !== 'dualpipe') return { total: work + ep, ep_exposed: ep };
  const paired = Math.max(work, ep); // F&B: each chunk's all-to-all overlaps the other chunk's compute
  return { total: paired, ep_exposed: paired - work };
}

/** rankPassUs(r, schedule).total without the object (the plan search's hot path). */
function passTotalUs(r: LayerTime, schedule: Plan['schedule']): number {
  const work = r.fwd_us + r.bwd_us + r.tp.fwd_us + r.tp.bwd_us + r.cp.fwd_us + r.cp.bwd_us;
  const ep = r.ep.fwd_us + r.ep.bwd_us;
  return schedule !== 'dualpipe' ? work + ep : Math.max(work, ep);
}

/** pipelineTime's pass over the ranks, one at a time (scanRank in rank order, then pipelineOf):
 * the slowest rank (the first of equals, copied) and the sum of the ranks' passes. */
export interface PipelineScan {
  slow: number;
  slowTotal: number;
  sum: number;
  /** The slowest rank's times (a copy: callers may refill the rank they pass). */
  rank: LayerTime;
}

const passComm = (): LayerTime['tp'] => ({ fwd_us: 0, bwd_us: 0 });
export const newPipelineScan = (): PipelineScan => ({
  slow: 0,
  slowTotal: 0,
  sum: 0,
  rank: {
    fwd_us: 0,
    bwd_us: 0,
    wgrad_us: 0,
    recompute_us: 0,
    tp: passComm(),
    cp: passComm(),
    ep: passComm(),
    flops: 0,
    act_bytes: 0,
    work_bytes: 0,
  },
});

function keepRank(s: PipelineScan, r: LayerTime): void {
  const k = s.rank;
  k.fwd_us = r.fwd_us;
  k.bwd_us = r.bwd_us;
  k.wgrad_us = r.wgrad_us;
  k.recompute_us = r.recompute_us;
  k.tp.fwd_us = r.tp.fwd_us;
  k.tp.bwd_us = r.tp.bwd_us;
  k.cp.fwd_us = r.cp.fwd_us;
  k.cp.bwd_us = r.cp.bwd_us;
  k.ep.fwd_us = r.ep.fwd_us;
  k.ep.bwd_us = r.ep.bwd_us;
}

/** Rank `i` (ranks in order from 0) into the scan. */
export function scanRank(s: PipelineScan, r: LayerTime, i: number, schedule: Plan['schedule']): void {
  const t = passTotalUs(r, schedule);
  if (i === 0) {
    s.slow = 0;
    s.slowTotal = t;
    s.sum = 0 + t;
    keepRank(s, r);
    return;
  }
  s.sum += t;
  if (t > s.slowTotal) {
    s.slow = i;
    s.slowTotal = t;
    keepRank(s, r);
  }
}

export function pipelineTime(ranks: RankCost[], p: Plan, microBatches: number, p2p_us: number): PipelineTime {
  const s = newPipelineScan();
  for (let i = 0; i < ranks.length; i++) scanRank(s, ranks[i], i, p.schedule);
  return pipelineOf(s, ranks.length, p, microBatches, p2p_us);
}

/** The pipeline's time from a scan of its `pp` ranks. */
export function pipelineOf(s: PipelineScan, pp: number, p: Plan, microBatches: number, p2p_us: number): PipelineTime {
  const r = s.rank,
    m = microBatches;
  const pass = rankPassUs(r, p.schedule);
  const steady = m * pass.total;
  let fill = 0;
  if (pp > 1 && p.schedule === 'dualpipe') {
    fill = Math.max(0, (pp / 2 - 1) * (pass.total + r.bwd_us - 3 * r.wgrad_us));
  } else if (pp > 1) {
    fill = (s.sum - pass.total) / (p.schedule === 'interleaved' ? p.chunks : 1);
  }
  const pp_us = pp > 1 ? transferUs(p, pp, m, p2p_us) : 0;
  return {
    total_us: steady + fill + pp_us,
    compute_us: m * (r.fwd_us + r.bwd_us - r.recompute_us),
    recompute_us: m * r.recompute_us,
    tp_us: m * (r.tp.fwd_us + r.tp.bwd_us),
    cp_us: m * (r.cp.fwd_us + r.cp.bwd_us),
    ep_us: m * pass.ep_exposed,
    pp_us,
    bubble_us: fill,
    slowest_rank: s.slow,
  };
}
