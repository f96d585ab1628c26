// What the wall model's network wall reads: the communication of one optimizer step for a cluster
// shape and workload, simulated at microsecond scale where the cluster is small enough and from
// the alpha-beta closed forms beyond, cached per shape (the same shape repeats across steps).
//
//   shape + workload -> MoE layer (one EP group, measured imbalance vs uniform routing)
//   -> data-parallel all-reduce (per-rail ring, simulated up to MAX_SIM_NODES nodes)
//   -> per-step totals, exposed time after overlap with compute.
//
// Invariant: a pure function of (cluster, workload); `method` names what produced each number.
import type { ClusterShape } from './cluster-shape.ts';
import { doubleTreeAllReduceUs, ringAllReduceUs } from './closed-form.ts';
import { simulateRailAllReduce } from './collective-time.ts';
import { epGroupSize } from './ep-group.ts';
import { zipfLoads } from './expert-load.ts';
import { A2aMethod, simulateMoeLayer } from './moe-layer.ts';

export interface StepWorkload {
  /** Routed experts per MoE layer, and experts each token picks. */
  experts: number;
  top_k: number;
  d_model: number;
  /** Bytes per activation element for combine (and dispatch unless dispatch_bytes_per_element). */
  bytes_per_element: number;
  /** FP8 dispatch as DeepEP: 1 + 4/128 (moe.md 1.7). Absent: bytes_per_element. */
  dispatch_bytes_per_element?: number;
  /** Tokens each GPU routes per MoE layer per micro-batch. */
  tokens_per_gpu: number;
  /** Measured relative load per expert (calibration); else `imbalance` (max/mean), else uniform. */
  expert_load?: readonly number[];
  imbalance?: number;
  node_limit?: number;
  a2a_method?: A2aMethod;
  moe_layers: number;
  micro_batches_per_step?: number;
  /** Gradient bytes each GPU all-reduces per step (data parallel). */
  gradient_bytes_per_gpu: number;
  /** Compute per step that communication can overlap with, and the share it can hide. */
  compute_us_per_step?: number;
  overlap_fraction?: number;
  seed?: string | number;
}

export type StepMethod = 'simulated' | 'closed_form';

export interface StepComm {
  dp_allreduce_us: number;
  /** One MoE layer's dispatch + combine, mean and p99 over GPUs. */
  moe_a2a_us_mean: number;
  moe_a2a_us_p99: number;
  /** Layer time (slowest GPU) under the workload's routing / under uniform routing. */
  straggler_factor: number;
  /** All MoE all-to-all per step: layers x (forward + backward) x micro-batches x p99. */
  moe_a2a_us_per_step: number;
  exposed_us: number;
  method: StepMethod;
  dp_method: StepMethod;
  moe_method: StepMethod;
  simulated_gpus: number;
}

/** Largest rail ring simulated flow by flow; beyond it the closed form (ring or tree, the faster). */
export const MAX_SIM_NODES = 256;

const cache = new Map<string, StepComm>();
const CACHE_LIMIT = 64;

export function simulateStepComm(cluster: ClusterShape, workload: StepWorkload): StepComm {
  const key = JSON.stringify([cluster, workload]);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = computeStepComm(cluster, workload);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}

function computeStepComm(cluster: ClusterShape, w: StepWorkload): StepComm {
  const moe = moeLayerTimes(cluster, w);
  const dp = dpAllReduce(cluster, w.gradient_bytes_per_gpu);
  const moe_a2a_us_per_step = w.moe_layers * 2 * (w.micro_batches_per_step ?? 1) * moe.p99_us;
  const hidden = (w.overlap_fraction ?? 0) * (w.compute_us_per_step ?? 0);
  const exposed_us = Math.max(0, moe_a2a_us_per_step + dp.t_us - hidden);
  return {
    dp_allreduce_us: dp.t_us,
    moe_a2a_us_mean: moe.mean_us,
    moe_a2a_us_p99: moe.p99_us,
    straggler_factor: moe.straggler,
    moe_a2a_us_per_step,
    exposed_us,
    method: dp.method === 'simulated' ? 'simulated' : 'closed_form',
    dp_method: dp.method,
    moe_method: 'simulated',
    simulated_gpus: moe.gpus,
  };
}

/** Simulates one EP group (groups are independent and alike), with the workload's and uniform routing. */
function moeLayerTimes(
  cluster: ClusterShape,
  w: StepWorkload,
): { mean_us: number; p99_us: number; straggler: number; gpus: number } {
  const nodesPerSite = cluster.gpus / cluster.gpus_per_node / cluster.sites;
  const ep = epGroupSize(
    Math.min(cluster.gpus, nodesPerSite * cluster.gpus_per_node),
    w.experts,
    cluster.gpus_per_node,
  );
  const shape: ClusterShape = { ...cluster, gpus: ep, sites: 1 };
  const load = w.expert_load ?? zipfLoads(w.experts, w.imbalance ?? 1);
  const base = {
    cluster: shape,
    experts: w.experts,
    top_k: w.top_k,
    d_model: w.d_model,
    tokens_per_gpu: w.tokens_per_gpu,
    dispatch_bytes_per_element: w.dispatch_bytes_per_element ?? w.bytes_per_element,
    combine_bytes_per_element: w.bytes_per_element,
    node_limit: w.node_limit,
    method: w.a2a_method ?? A2aMethod.hierarchical,
    expert_compute_us: 0,
    seed: w.seed ?? 0,
  };
  const real = simulateMoeLayer({ ...base, expert_load: load });
  const uniform = simulateMoeLayer({ ...base, expert_load: zipfLoads(w.experts, 1) });
  return { mean_us: real.mean_us, p99_us: real.p99_us, straggler: real.max_us / uniform.max_us, gpus: ep };
}

function dpAllReduce(cluster: ClusterShape, bytes: number): { t_us: number; method: StepMethod } {
  const nodes = cluster.gpus / cluster.gpus_per_node;
  if (nodes <= 1) return { t_us: 0, method: 'simulated' };
  if (nodes <= MAX_SIM_NODES) return { t_us: simulateRailAllReduce(cluster, bytes).t_us, method: 'simulated' };
  // Closed form over one rail (p = nodes); crossing sites adds fiber delay to every ring step
  // that crosses, but only one round trip to a tree (up to the root and back down).
  const fiber_us = (cluster.sites - 1) * cluster.site_distance_km * cluster.fiber_us_per_km;
  const ab = {
    alpha_us: cluster.hop_latency_us,
    bandwidth_B_per_us: cluster.scale_out_gbit_per_s * 125 * cluster.link_efficiency,
  };
  const perRail = bytes / cluster.gpus_per_node;
  const ring = ringAllReduceUs(nodes, perRail, ab) + (cluster.sites > 1 ? 2 * (nodes - 1) * fiber_us : 0);
  const tree = doubleTreeAllReduceUs(nodes, perRail, ab) + 2 * fiber_us;
  return { t_us: Math.min(ring, tree), method: 'closed_form' };
}
