// Summaries of router batches (one layer, one step each): imbalance (max/mean served load), load
// CV, overflow / reroute / drop fractions of requested copies, remote and inter-node fractions of
// served copies, distinct experts touched vs the uniform expectation. Invariant: fractions in [0,1].
import type { BatchStats } from '../moe/router.ts';
import { distinctExperts } from '../moe/formulas.ts';

export interface RouterSummary {
  batches: number;
  tokens_per_batch: number;
  mean_k: number;
  imbalance: number;
  imbalance_requested: number;
  load_cv: number;
  overflow_fraction: number;
  reroute_fraction: number;
  drop_fraction: number;
  remote_fraction: number;
  inter_node_fraction: number;
  distinct_experts: number;
  distinct_experts_uniform: number;
  max_nodes_spanned: number;
  capacity_violations: number;
  /** per-expert share of served copies over all batches (sums to 1; uniform = 1/N each) */
  load_share: number[];
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, x) => a + x, 0) / xs.length);

function maxOverMean(loads: Int32Array): number {
  let sum = 0,
    max = 0;
  for (const l of loads) {
    sum += l;
    if (l > max) max = l;
  }
  return sum > 0 ? max / (sum / loads.length) : 1;
}

function cv(loads: Int32Array): number {
  const m = mean(Array.from(loads));
  if (m === 0) return 0;
  const v = mean(Array.from(loads, (l) => (l - m) ** 2));
  return Math.sqrt(v) / m;
}

export function summarize(batches: BatchStats[], experts: number, top_k: number): RouterSummary {
  const sum = (f: (b: BatchStats) => number): number => batches.reduce((a, b) => a + f(b), 0);
  const requested = sum((b) => b.requested),
    served = sum((b) => b.served);
  const tokens = batches.length > 0 ? sum((b) => b.tokens) / batches.length : 0;
  const frac = (x: number, of: number): number => (of > 0 ? x / of : 0);
  return {
    batches: batches.length,
    tokens_per_batch: tokens,
    mean_k: frac(
      sum((b) => b.k * b.tokens),
      sum((b) => b.tokens),
    ),
    imbalance: mean(batches.map((b) => maxOverMean(b.loads))),
    imbalance_requested: mean(batches.map((b) => maxOverMean(b.requested_loads))),
    load_cv: mean(batches.map((b) => cv(b.loads))),
    overflow_fraction: frac(
      sum((b) => b.overflow),
      requested,
    ),
    reroute_fraction: frac(
      sum((b) => b.reroutes),
      requested,
    ),
    drop_fraction: frac(
      sum((b) => b.drops),
      requested,
    ),
    remote_fraction: frac(
      sum((b) => b.remote),
      served,
    ),
    inter_node_fraction: frac(
      sum((b) => b.inter_node),
      served,
    ),
    distinct_experts: mean(batches.map((b) => b.loads.filter((l) => l > 0).length)),
    distinct_experts_uniform: distinctExperts(experts, top_k, tokens),
    max_nodes_spanned: batches.reduce((a, b) => Math.max(a, b.max_nodes_spanned), 0),
    capacity_violations: batches.reduce(
      (a, b) => a + (b.capacity > 0 ? b.loads.filter((l) => l > b.capacity).length : 0),
      0,
    ),
    load_share: Array.from({ length: experts }, (_, e) =>
      frac(
        sum((b) => b.loads[e] ?? 0),
        served,
      ),
    ),
  };
}
