// The step's communication at any run shape: exposed communication and its efficiency for the
// walls and the coupled solve, from the step model's plans when they derive the MFU, else from the
// closed form (src/workload/step-comm.ts) or the communication model the context plugs in, with
// the stated MFU. Split from src/datacenter/step-inputs.ts, which builds it once per step.
import type { ModelShape } from '../moe/shape.ts';
import type { WorkloadPoint, WorkloadProfile } from '../workload/profile.ts';
import {
  emptyStepCommInputs,
  interSiteSeconds,
  stepComm,
  type StepComm,
  type StepCommInputs,
} from '../workload/step-comm.ts';
import { routingImbalance, type RoutingImbalance } from '../workload/imbalance-law.ts';
import { isMoe } from '../workload/moe-placement.ts';
import type { AcceleratorSpec, Params } from '../params/params.ts';
import type { RunShape } from './run-shape.ts';
import type { AssessContext } from './assess.ts';
import type { RunTiming, StepPlans } from './step-plan.ts';

/** GPUs per model replica: tensor x pipeline parallel enough to hold the training state, in whole
 * scale-up domains, at most one layer per pipeline stage and at most the run. */
export function modelParallelGpus(
  p: Params,
  totalParamsN: number,
  hbmBytes: number,
  domain: number,
  layers: number,
  runGpus: number,
): number {
  const needed = Math.ceil(
    (totalParamsN * p.memory.training_state_bytes_per_param) / (hbmBytes * p.memory.hbm_usable_fraction),
  );
  const mp = Math.ceil(Math.max(needed, domain) / domain) * domain;
  return Math.max(1, Math.min(runGpus, mp, domain * layers));
}

/**
 * Step communication from the step model's plan: the plan's useful share of step time (its MFU /
 * the generation's work MFU), with a multi-site run's inter-site sync on top, hidden behind up to
 * `overlap_fraction` of the compute as a data-parallel reduction is.
 */
function derivedComm(
  plans: StepPlans,
  acc: AcceleratorSpec,
  gpus: number,
  scale: number,
  interSiteS: number,
  p: Params,
): StepComm {
  const r = plans.at(acc, Math.max(1, gpus), scale);
  const step_s = finiteStep(r.step_s);
  const eta = plans.efficiencyOf(acc, r);
  const compute_s = step_s * eta;
  const exposedInter = exposedInterSite(interSiteS, compute_s, p);
  const b = r.breakdown;
  const planComm = b ? (b.tp_us + b.cp_us + b.ep_us + b.pp_us + b.dp_us) / 1e6 : 0;
  return {
    method: 'step_model',
    compute_s,
    allreduce_s: b ? b.dp_us / 1e6 : 0,
    all_to_all_s: b ? b.ep_us / 1e6 : 0,
    inter_site_s: interSiteS,
    comm_s: planComm + interSiteS,
    exposed_s: step_s - compute_s + exposedInter,
    // the router's imbalance is inside the plan's step time (its experts timed at the busiest GPU)
    straggler_s: 0,
    dropped_s: 0,
    efficiency: derivedEfficiency(r.step_s, eta, interSiteS, p),
  };
}

const finiteStep = (stepS: number): number => (Number.isFinite(stepS) ? stepS : 0);
/** The inter-site sync left exposed: hidden behind up to `overlap_fraction` of the compute. */
const exposedInterSite = (interSiteS: number, computeS: number, p: Params): number =>
  Math.max(0, interSiteS - p.network.overlap_fraction * computeS);

/** derivedComm(...).efficiency from the plan's step time and efficiency alone (nothing built). */
function derivedEfficiency(stepS: number, eta: number, interSiteS: number, p: Params): number {
  const step_s = finiteStep(stepS);
  const compute_s = step_s * eta;
  return step_s > 0 ? compute_s / (step_s + exposedInterSite(interSiteS, compute_s, p)) : 0;
}

/** The imbalance law for this shape, memoized by scale-up domain size (null for a dense family). */
export function routingLaw(ctx: AssessContext, shape: ModelShape): (domain: number) => RoutingImbalance | null {
  const { p } = ctx;
  const learned = ctx.learned;
  if (!isMoe(shape) || !learned) return () => null;
  // its inputs are the run's (the family's experts and top-k, the MoE settings, the learned skew)
  const memo = ctx.cache?.routing ?? new Map<number, RoutingImbalance>();
  // the domain last asked and its law: a step asks tens of times, mostly of one generation's domain
  let lastDomain = NaN;
  let last: RoutingImbalance | undefined;
  return (domain) => {
    if (domain === lastDomain) return last!;
    let r = memo.get(domain);
    if (!r) {
      r = routingImbalance({
        experts: shape.routed_experts,
        top_k: shape.top_k,
        tokens_per_rank: p.model.micro_batch_tokens_per_gpu,
        ep_devices: p.moe.ep_devices,
        gpus_per_node: domain,
        learned_cv: learned.cv,
        capacity_factor: p.moe.capacity_factor,
        overflow: p.moe.overflow,
      });
      memo.set(domain, r);
    }
    lastDomain = domain;
    return (last = r);
  };
}

/** What the step's communication reads: its plans (null: stated MFU), newest generation on sale,
 * frontier model, workload point, critical batch and imbalance law. */
export interface CommInputs {
  plans: StepPlans | null;
  newest: AcceleratorSpec;
  shape: ModelShape;
  profile: WorkloadProfile;
  point: WorkloadPoint;
  criticalBatch: number;
  routingAt: (domain: number) => RoutingImbalance | null;
}

/** The step's communication of a run shape with bandwidths x scale and latencies / scale (`comm`),
 * and its efficiency alone (`efficiency`, without keeping the parts). */
export function runComm(
  ctx: AssessContext,
  s: CommInputs,
): {
  comm: (run: RunShape, scale: number, out?: StepComm) => StepComm;
  efficiency: (run: RunShape, scale: number) => number;
} {
  const { p } = ctx;
  const { plans, newest, shape, profile, point, criticalBatch, routingAt } = s;
  // With a stated MFU: one inputs object per step, its run and network fields refilled per call (the
  // walls and the solve ask tens of times a step; the communication model reads it and keeps nothing,
  // as AssessContext.stepComm requires).
  let scratch: StepCommInputs | undefined;
  // the run's object when there is a cache (nothing of a step reads it after the step), its
  // per-step fields set here and its per-call fields by comm; else one per step
  const statedCommInputs = (): StepCommInputs => {
    const c = ctx.cache?.comm_inputs ?? emptyStepCommInputs();
    if (ctx.cache) ctx.cache.comm_inputs = c;
    c.global_batch_tokens = criticalBatch;
    c.train_flop_per_token = point.train_flop_per_token;
    c.total_params = profile.total_params;
    c.bytes_per_weight = shape.bytes_per_weight;
    c.a2a_bytes_per_token_intra = point.a2a_bytes_per_token_intra_node;
    c.a2a_bytes_per_token_inter = point.a2a_bytes_per_token_inter_node;
    c.routed_flop_fraction = point.routed_flop_fraction;
    c.ep_devices = p.moe.ep_devices;
    c.dispatch_bytes_per_element = p.moe.dispatch_bytes_per_element;
    c.combine_bytes_per_element = p.moe.combine_bytes_per_element;
    c.node_limit = p.moe.node_limit;
    c.routed_experts = shape.routed_experts;
    c.top_k = shape.top_k;
    c.layers = shape.layers;
    c.moe_layers = shape.moe_layers;
    c.collective_efficiency = p.network.collective_efficiency;
    c.overlap_fraction = p.network.overlap_fraction;
    return c;
  };
  const interSiteOf = (run: RunShape, scale: number): number =>
    interSiteSeconds({
      sites: run.sites,
      total_params: profile.total_params,
      bytes_per_weight: shape.bytes_per_weight,
      inter_site_bytes_per_s: ((p.network.inter_site_gbit_per_s * 1e9) / 8) * scale,
      max_site_distance_km: run.distance_km,
      fiber_us_per_km: p.network.fiber_us_per_km / scale,
    });
  const comm = (run: RunShape, scale: number, out?: StepComm): StepComm => {
    if (plans !== null)
      return derivedComm(plans, run.accelerator ?? newest, run.gpus, scale, interSiteOf(run, scale), p);
    const gpus = Math.max(1, run.gpus);
    const c = (scratch ??= statedCommInputs());
    c.run_gpus = gpus;
    c.model_parallel_gpus = modelParallelGpus(
      p,
      profile.total_params,
      run.hbm_bytes_per_gpu,
      run.scale_up_domain_gpus,
      shape.layers,
      gpus,
    );
    c.scale_up_domain_gpus = run.scale_up_domain_gpus;
    c.flop_per_s_per_gpu = run.flop_per_s_per_gpu;
    c.routing = routingAt(run.scale_up_domain_gpus);
    c.scale_out_bytes_per_s = run.scale_out_bytes_per_s * scale;
    c.scale_up_bytes_per_s = run.scale_up_bytes_per_s * scale;
    c.hop_latency_us = p.network.hop_latency_us / scale;
    c.scale_up_latency_us = p.network.scale_up_latency_us / scale;
    c.sites = run.sites;
    c.max_site_distance_km = run.distance_km;
    c.fiber_us_per_km = p.network.fiber_us_per_km / scale;
    c.inter_site_bytes_per_s = ((p.network.inter_site_gbit_per_s * 1e9) / 8) * scale;
    return ctx.stepComm ? ctx.stepComm(c, out) : stepComm(c, undefined, undefined, out);
  };
  // the walls and the solve read one figure of the parts tens of times a step: one object per step
  let parts: StepComm | undefined;
  const timing: RunTiming = { step_s: 0, busy_mfu: 0, efficiency: 0 };
  const efficiency = (run: RunShape, scale: number): number => {
    if (plans !== null) {
      plans.timing(run.accelerator ?? newest, Math.max(1, run.gpus), scale, timing);
      return derivedEfficiency(timing.step_s, timing.efficiency, interSiteOf(run, scale), p);
    }
    return (parts = comm(run, scale, parts)).efficiency;
  };
  return { comm, efficiency };
}
