// Expert-parallel dispatch and combine of one MoE layer for one micro-batch, behind a swappable
// timer: the closed form (default) or the flow simulation of src/network/moe-layer.ts.
// Bytes follow moe.md 1.7: one copy per (token, routed expert) of d_model elements, FP8 dispatch
// at 1 + 4/128 bytes per element and BF16 combine (DeepEP accounting). The closed form:
// - flat (no node limit): each GPU sends K (1 - 1/G) copies per token; those for GPUs in its own
//   scale-up domain go over NVLink, the rest over its NIC; both run at once;
// - node-limited (DeepSeek-V3 M = 4, DeepEP normal kernels): a token crosses the NIC once per
//   remote node it hits (at most M), then fans out over NVLink in that node (moe.md 1.7).
// The busiest GPU receives `imbalance` x the mean, and the layer waits for it.
// Invariant: a timer is a pure function of its input; 0 for EP = 1.
import { expectedNodes } from '../../moe/formulas.ts';
import type { ClusterShape } from '../../network/cluster-shape.ts';
import { zipfLoads } from '../../network/expert-load.ts';
import { A2aMethod, RoutingMode, simulateMoeLayer } from '../../network/moe-layer.ts';
import type { StepCluster } from './cluster.ts';
import { groupLayout, scaleOutLink, scaleUpLink } from './collectives.ts';

export interface A2aInput {
  cluster: StepCluster;
  /** EP group size and the rank distance between its consecutive members (TP). */
  ep: number;
  stride: number;
  /** Tokens each GPU routes per MoE layer per micro-batch. */
  tokens_per_gpu: number;
  top_k: number;
  experts: number;
  d_model: number;
  dispatch_bytes_per_element: number;
  combine_bytes_per_element: number;
  /** Most scale-up domains one token may reach (node-limited routing); absent: unlimited, flat. */
  node_limit?: number;
  /** Tokens received by the busiest GPU / the mean (1 = balanced). */
  imbalance: number;
}

export interface A2aTime {
  dispatch_us: number;
  combine_us: number;
  method: 'closed_form' | 'flow';
}

export type A2aTimer = (input: A2aInput) => A2aTime;

/** DeepEP FP8 dispatch: 1 byte per element + one FP32 scale per 128 (moe.md 1.7). */
export const FP8_DISPATCH_BYTES = 1 + 4 / 128;

/** Copies per token that stay in the sender's domain (NVLink) and that cross to other domains (NIC). */
export function a2aCopies(i: A2aInput): { nvlink: number; nic: number } {
  const { inner, outer } = groupLayout(i.cluster, i.ep, i.stride);
  const k = i.top_k;
  const local = (k * (inner - 1)) / i.ep;
  const remote = k * (1 - inner / i.ep);
  if (i.node_limit === undefined || outer === 1) return { nvlink: local, nic: remote };
  const nodesHit = Math.min(i.node_limit, expectedNodes(i.experts, k, outer));
  const nic = Math.min(remote, nodesHit * (1 - 1 / outer));
  // Copies that crossed once are forwarded inside the destination domain to the other GPUs they target.
  return { nvlink: local + remote * ((inner - 1) / inner), nic };
}

export const closedFormA2a: A2aTimer = (i) => {
  if (i.ep <= 1) return { dispatch_us: 0, combine_us: 0, method: 'closed_form' };
  const copies = a2aCopies(i);
  const up = scaleUpLink(i.cluster),
    out = scaleOutLink(i.cluster);
  const alpha = copies.nic > 0 ? out.alpha_us : up.alpha_us;
  const one = (bytesPerElem: number): number => {
    const perCopy = i.tokens_per_gpu * i.d_model * bytesPerElem * i.imbalance;
    return (
      alpha +
      Math.max((copies.nvlink * perCopy) / up.bandwidth_B_per_us, (copies.nic * perCopy) / out.bandwidth_B_per_us)
    );
  };
  return {
    dispatch_us: one(i.dispatch_bytes_per_element),
    combine_us: one(i.combine_bytes_per_element),
    method: 'closed_form',
  };
};

/**
 * The flow simulation as a timer: one EP group simulated flow by flow, balanced routing when
 * imbalance is 1, else random draws from a Zipf-shaped expert
 * load of max/mean = imbalance, hierarchical (DeepEP-style) when routing is node-limited, flat
 * otherwise; the layer time is the slowest GPU's. Results are cached per input (the search asks
 * for the same layer many times). Slow for large groups: meant for checks and single plans.
 */
export function flowA2a(seed: string | number = 'step'): A2aTimer {
  const cache = new Map<string, A2aTime>();
  return (i) => {
    if (i.ep <= 1) return { dispatch_us: 0, combine_us: 0, method: 'flow' };
    const { inner } = groupLayout(i.cluster, i.ep, i.stride);
    const key = JSON.stringify([
      i.cluster.name,
      i.ep,
      inner,
      i.tokens_per_gpu,
      i.top_k,
      i.experts,
      i.d_model,
      i.dispatch_bytes_per_element,
      i.combine_bytes_per_element,
      i.node_limit,
      i.imbalance,
    ]);
    const hit = cache.get(key);
    if (hit) return hit;
    const r = simulateMoeLayer({
      cluster: flowCluster(i.cluster, i.ep, inner),
      experts: i.experts,
      top_k: i.top_k,
      d_model: i.d_model,
      tokens_per_gpu: Math.max(1, Math.round(i.tokens_per_gpu)),
      dispatch_bytes_per_element: i.dispatch_bytes_per_element,
      combine_bytes_per_element: i.combine_bytes_per_element,
      expert_load: zipfLoads(i.experts, Math.min(i.imbalance, i.experts)),
      node_limit: i.node_limit,
      method: i.node_limit === undefined ? A2aMethod.flat : A2aMethod.hierarchical,
      // A balanced router is the ideal the closed form also assumes; otherwise draws from the Zipf load.
      routing: i.imbalance === 1 ? RoutingMode.balanced : RoutingMode.random,
      expert_compute_us: 0,
      seed,
    });
    const out: A2aTime = { dispatch_us: r.dispatch_max_us, combine_us: r.max_us - r.dispatch_max_us, method: 'flow' };
    cache.set(key, out);
    return out;
  };
}

function flowCluster(c: StepCluster, ep: number, inner: number): ClusterShape {
  return {
    gpus: ep,
    gpus_per_node: inner,
    // The simulation applies one link_efficiency to every link: rescale NVLink to its own efficiency.
    scale_up_gb_per_s: (c.scale_up_gb_per_s * c.scale_up_efficiency) / c.scale_out_efficiency,
    scale_out_gbit_per_s: c.scale_out_gbit_per_s,
    scale_up_latency_us: c.scale_up_latency_us,
    hop_latency_us: c.scale_out_latency_us,
    sites: 1,
    site_distance_km: 0,
    fiber_us_per_km: 4.9, // unused on one site; n = 1.468 (mapyourtech.com; Q)
    inter_site_gbit_per_s: c.scale_out_gbit_per_s,
    oversubscription: 1,
    link_efficiency: c.scale_out_efficiency,
  };
}
