// Communication of one optimizer step at a given scale, closed form (alpha-beta model, Hockney 1994;
// NCCL decomposition). Time per step = compute + exposed communication:
//   data-parallel gradient all-reduce: ring bandwidth term 2((p-1)/p)·n/B, tree latency 2·log2(p)·a;
//   expert all-to-all: per-token dispatch+combine bytes (fwd + bwd) over scale-up and scale-out,
//     the NIC part stretched by the busiest node's load and the NVLink part by the busiest GPU's
//     (src/workload/imbalance-law.ts), rerouted copies crossing once more;
//   multi-site: the gradient crosses the inter-site link, plus the fiber round trip.
// Overlap hides up to `overlap_fraction` of compute time worth of communication. Two costs of the
// router are not communication and are never hidden: the busiest GPU's extra expert work
// (routed FLOP share x (imbalance − 1) of compute, which every other GPU waits for at the combine)
// and dropped copies (their routed FLOP count as compute spent without effect: the quality penalty
// of dropping, stated as wasted compute). This is the efficiency the workload reaches at a scale,
// not a wall: the network wall is the data-movement asymptote of src/walls/network.ts.
import type { RoutingImbalance } from './imbalance-law.ts';

export interface StepCommInputs {
  run_gpus: number;
  /** GPUs per model replica (tensor x pipeline x expert parallel). */
  model_parallel_gpus: number;
  scale_up_domain_gpus: number;
  global_batch_tokens: number;
  train_flop_per_token: number;
  /** Achieved FLOP/s per GPU before communication (peak x MFU x roofline). */
  flop_per_s_per_gpu: number;
  total_params: number;
  bytes_per_weight: number;
  a2a_bytes_per_token_intra: number;
  a2a_bytes_per_token_inter: number;
  /** The routing law at this run's placement (null: dense, or a uniform router). */
  routing: RoutingImbalance | null;
  /** Share of training FLOP per token in routed experts (the part the busiest GPU stretches). */
  routed_flop_fraction: number;
  /** EP degree asked for (the flow simulation's group). */
  ep_devices: number;
  /** All-to-all bytes per element, dispatch and combine; most nodes per token (0: no limit). */
  dispatch_bytes_per_element: number;
  combine_bytes_per_element: number;
  node_limit: number;
  /** Routed experts per MoE layer and experts per token (for the flow simulation's EP group). */
  routed_experts: number;
  top_k: number;
  layers: number;
  moe_layers: number;
  scale_out_bytes_per_s: number;
  scale_up_bytes_per_s: number;
  collective_efficiency: number;
  hop_latency_us: number;
  scale_up_latency_us: number;
  overlap_fraction: number;
  sites: number;
  max_site_distance_km: number;
  fiber_us_per_km: number;
  inter_site_bytes_per_s: number;
}

/** Communication inputs with every number NaN: a caller that refills one object per run sets them
 * all before reading (a NaN left over would show in the results). NaN, not 0: V8 picks a field's
 * representation from its first value, and a field that starts as a small integer is re-laid-out
 * (its map deprecated, the code reading it deoptimized) when it first holds a fraction, which on a
 * long sweep happened in ~30 storms of deoptimizations spread over thousands of samples
 * (docs/benchmarks.md, "Maps that do not repeat"). */
export function emptyStepCommInputs(): StepCommInputs {
  return {
    run_gpus: NaN,
    model_parallel_gpus: NaN,
    scale_up_domain_gpus: NaN,
    global_batch_tokens: NaN,
    train_flop_per_token: NaN,
    flop_per_s_per_gpu: NaN,
    total_params: NaN,
    bytes_per_weight: NaN,
    a2a_bytes_per_token_intra: NaN,
    a2a_bytes_per_token_inter: NaN,
    routing: null,
    routed_flop_fraction: NaN,
    ep_devices: NaN,
    dispatch_bytes_per_element: NaN,
    combine_bytes_per_element: NaN,
    node_limit: NaN,
    routed_experts: NaN,
    top_k: NaN,
    layers: NaN,
    moe_layers: NaN,
    scale_out_bytes_per_s: NaN,
    scale_up_bytes_per_s: NaN,
    collective_efficiency: NaN,
    hop_latency_us: NaN,
    scale_up_latency_us: NaN,
    overlap_fraction: NaN,
    sites: NaN,
    max_site_distance_km: NaN,
    fiber_us_per_km: NaN,
    inter_site_bytes_per_s: NaN,
  };
}

export interface StepComm {
  /** How the communication times were obtained. */
  method: 'closed_form' | 'simulated' | 'step_model';
  compute_s: number;
  allreduce_s: number;
  all_to_all_s: number;
  inter_site_s: number;
  comm_s: number;
  exposed_s: number;
  /** The busiest GPU's extra expert compute every other GPU waits for (not hidden). */
  straggler_s: number;
  /** Compute spent on copies that were then dropped (the quality penalty, as wasted compute). */
  dropped_s: number;
  /** (compute − dropped) / (compute + exposed + straggler): the share of step time doing useful work. */
  efficiency: number;
}

const US = 1e-6;

// Busiest node's and busiest GPU's load / the mean, and the share of copies sent twice (reroutes);
// 1 without a routing law. Three numbers, not an object: called for every step-time evaluation.
export const stretchNic = (c: StepCommInputs): number => (c.routing ? c.routing.imbalance_nic : 1);
export const stretchDevice = (c: StepCommInputs): number => (c.routing ? c.routing.imbalance_device : 1);
export const resendFactor = (c: StepCommInputs): number => (c.routing ? 1 + c.routing.reroute_fraction : 1);

/**
 * Expert all-to-all per step, closed form: each GPU's dispatch + combine bytes (forward and
 * backward) over scale-up (intra-node, stretched by the busiest GPU) and scale-out (inter-node,
 * stretched by the busiest node's NICs); rerouted copies cross once more.
 */
export function allToAllSeconds(c: StepCommInputs, upBw: number, outBw: number): number {
  if (c.moe_layers === 0) return 0;
  const a2aTokens = ((2 * c.global_batch_tokens) / c.run_gpus) * resendFactor(c); // forward + backward per GPU
  return (
    (a2aTokens * c.a2a_bytes_per_token_inter * stretchNic(c)) / outBw +
    (a2aTokens * c.a2a_bytes_per_token_intra * stretchDevice(c)) / upBw +
    4 * c.moe_layers * c.hop_latency_us * US
  );
}

/**
 * A run over several sites syncs gradients over the inter-site link every step and waits for the
 * fiber round trip (about 4.9 us per km, n = 1.468) once per step.
 */
export function interSiteSeconds(
  c: Pick<
    StepCommInputs,
    | 'sites'
    | 'total_params'
    | 'bytes_per_weight'
    | 'inter_site_bytes_per_s'
    | 'max_site_distance_km'
    | 'fiber_us_per_km'
  >,
): number {
  return c.sites > 1
    ? (2 * ((c.sites - 1) / c.sites) * c.total_params * c.bytes_per_weight) / c.inter_site_bytes_per_s +
        2 * c.max_site_distance_km * c.fiber_us_per_km * US
    : 0;
}

/** Step time parts from an all-to-all time (closed form by default; the flow simulation passes its own).
 * `out`: an object to fill and return instead of a new one (callers that read one figure and let
 * it go, tens of times a step). */
export function stepComm(
  c: StepCommInputs,
  allToAll?: (c: StepCommInputs) => number,
  method: StepComm['method'] = 'closed_form',
  out?: StepComm,
): StepComm {
  // No accelerator can run (e.g. none whose racks the sites' cooling can hold): there is no step to
  // time. Zero parts and efficiency 1, so the planner's projection assumes communication hidden
  // rather than carrying 0/0 into its orders (found by the scenario fuzzer: NVL72 racks on air).
  if (!(c.run_gpus > 0) || !(c.flop_per_s_per_gpu > 0))
    return out ? Object.assign(out, idleStep(method)) : idleStep(method);
  const dp = Math.max(1, c.run_gpus / c.model_parallel_gpus);
  const compute_s = (c.global_batch_tokens * c.train_flop_per_token) / (c.run_gpus * c.flop_per_s_per_gpu);
  const shardBytes = (c.total_params * c.bytes_per_weight) / c.model_parallel_gpus;
  const outBw = c.scale_out_bytes_per_s * c.collective_efficiency;
  const upBw = (c.scale_up_bytes_per_s / 2) * c.collective_efficiency; // bidirectional figure -> one way
  const allreduce_s =
    dp > 1 ? (2 * ((dp - 1) / dp) * shardBytes) / outBw + 2 * Math.log2(dp) * c.hop_latency_us * US : 0;
  const all_to_all_s = allToAll ? allToAll(c) : allToAllSeconds(c, upBw, outBw);
  const inter_site_s = interSiteSeconds(c);
  const comm_s = allreduce_s + all_to_all_s + inter_site_s;
  const exposed_s = comm_s - Math.min(comm_s, c.overlap_fraction * compute_s);
  const routed = c.moe_layers > 0 ? c.routed_flop_fraction : 0;
  const straggler_s = compute_s * routed * ((c.routing ? c.routing.imbalance_device : 1) - 1); // stretchDevice's
  const dropped_s = compute_s * routed * (c.routing?.drop_fraction ?? 0);
  const efficiency = (compute_s - dropped_s) / (compute_s + exposed_s + straggler_s);
  if (!out)
    return {
      method,
      compute_s,
      allreduce_s,
      all_to_all_s,
      inter_site_s,
      comm_s,
      exposed_s,
      straggler_s,
      dropped_s,
      efficiency,
    };
  out.method = method;
  out.compute_s = compute_s;
  out.allreduce_s = allreduce_s;
  out.all_to_all_s = all_to_all_s;
  out.inter_site_s = inter_site_s;
  out.comm_s = comm_s;
  out.exposed_s = exposed_s;
  out.straggler_s = straggler_s;
  out.dropped_s = dropped_s;
  out.efficiency = efficiency;
  return out;
}

function idleStep(method: StepComm['method']): StepComm {
  return {
    method,
    compute_s: 0,
    allreduce_s: 0,
    all_to_all_s: 0,
    inter_site_s: 0,
    comm_s: 0,
    exposed_s: 0,
    straggler_s: 0,
    dropped_s: 0,
    efficiency: 1,
  };
}
