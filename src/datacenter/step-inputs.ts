// What one step's assessment computes once and every wall and the coupled solve read: the demand,
// the frontier model at the target, the workload's intensity on each accelerator (its sustained
// FLOP/s at the run's precision), exposed communication at any run shape, the walls' resources
// (supply delivered, HBM equipped, MW, plant, tokens) and the network wall's model of the step floor.
// The MFU and exposed communication come from the step model's plan (src/datacenter/step-plan.ts)
// unless the scenario states compute.mfu; then the stated MFU and src/workload/step-comm.ts.
import { criticalBatchTokens } from '../walls/critical-batch.ts';
import { REPEAT_HALF_LIFE_EPOCHS, tokensForFlop } from '../walls/data.ts';
import type { SiteResource, WallInputs } from '../walls/inputs.ts';
import type { NetworkWallInputs } from '../walls/network.ts';
import type { FloorModel, FloorNetwork } from '../walls/step-floor.ts';
import { totalParams } from '../moe/formulas.ts';
import type { ModelShape } from '../moe/shape.ts';
import { computeOptimalParams, shapeForActiveParams, totalParamsForActive } from '../workload/shape.ts';
import type { WorkloadPoint, WorkloadProfile } from '../workload/profile.ts';
import {
  emptyStepCommInputs,
  interSiteSeconds,
  stepComm,
  type StepComm,
  type StepCommInputs,
} from '../workload/step-comm.ts';
import { routingImbalance, type RoutingImbalance } from '../workload/imbalance-law.ts';
import { isMoe, moePlacement } from '../workload/moe-placement.ts';
import { demandAt, type Demand } from '../demand/demand.ts';
import {
  itWattsPerGpu,
  mfuAt,
  peakAt,
  precisionAt,
  rackKw,
  type AcceleratorSpec,
  type Params,
  type Precision,
} from '../params/params.ts';
import type { RunShape } from './achievable.ts';
import { exposedPart, stepPlans, type RunTiming, type StepPlans } from './step-plan.ts';
import type { AssessContext } from './assess.ts';
import {
  aliveBySite,
  generationFrame,
  refillFrames,
  siteFrames,
  type SiteCounts,
  sustainedFlopPerS,
  type FrameInputs,
  type GenerationFrame,
  type SiteFrame,
} from './frame.ts';
import { AS_BUILT, operateSite } from './operate.ts';
import { floorEndsSlot, floorSlot, type RunCache } from './run-cache.ts';
import { supplyCounts } from './supply-counts.ts';
import { availablePowerMw, type World } from './world.ts';

export interface StepInputs {
  demand: Demand;
  precision: Precision;
  newest: AcceleratorSpec;
  shape: ModelShape;
  profile: WorkloadProfile;
  point: WorkloadPoint;
  frame: FrameInputs;
  frames: SiteFrame[];
  /** The newest generation, one unit (the reference when nothing runs). */
  newestFrame: GenerationFrame;
  criticalBatch: number;
  /** Where the MFU comes from, and the step model's plans (consulted in both cases, for the record;
   * searched on the first call with a stated MFU). A method, not a getter: on Node 20 an object
   * literal with an accessor is built by the runtime, ~5 us per step. */
  mfu_source: 'step model' | 'stated';
  plans(): StepPlans;
  /** The MFU the step uses for a run of this shape (stated, or the plan's). */
  runMfu(run: RunShape): number;
  /** What a run's exposed communication is mostly made of. */
  exposedLabel(run: RunShape, networkScale: number): string;
  /** The imbalance law at a scale-up domain size (null: dense family). */
  routingAt(domain: number): RoutingImbalance | null;
  /** The network wall's model of the target run (layers, parameters, gradient bytes). */
  targetModel: FloorModel;
  walls: WallInputs;
  /** Step communication of a run shape, with bandwidths x scale and latencies / scale. */
  comm(run: RunShape, networkScale: number): StepComm;
  /** comm(run, networkScale).efficiency, without keeping the parts. */
  efficiency(run: RunShape, networkScale: number): number;
  scaledNetwork(scale: number): NetworkWallInputs;
  /** With a derived MFU: the most FLOP a run on its generation trains at the critical batch,
   * however many accelerators it gets (undefined: stated MFU, no such cap). */
  runParallelismFlop(run: RunShape, networkScale: number): number | undefined;
}

/** Generations on sale at t, newest first (the first generation when none is on sale yet). */
export function onSale(p: Params, t: number): AcceleratorSpec[] {
  const out = p.hardware.filter((a) => a.first_year <= t + 1e-9).reverse();
  return out.length > 0 ? out : [p.hardware[0]];
}

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

/** Frame inputs for counting running accelerators only (operateSite reads no FLOP/s). */
const ANY_MFU: FrameInputs = { precision: 'bf16', mfu: () => 1, intensity_flop_per_byte: 1, hbm_elasticity: null };

/** The reference run the plan is searched for: the run's share of the accelerators that can run
 * (racks that fit, within power and plant: src/datacenter/operate.ts), on the generation most of
 * them are; when none can run, of the accelerators on site; when there are none, one accelerator of
 * the newest generation on sale. Unpowered accelerators do not move it while any run. */
function referenceRun(
  p: Params,
  world: World,
  t: number,
  runShare: number,
  alive: SiteCounts[] = aliveBySite(world, t),
  frames: SiteFrame[] = siteFrames(world, p, t, ANY_MFU, alive),
): { acc: AcceleratorSpec; gpus: number } {
  const by = new Map<AcceleratorSpec, number>();
  let n = 0;
  for (const site of frames) {
    const op = operateSite(site, AS_BUILT);
    site.gens.forEach((g, i) => {
      by.set(g.acc, (by.get(g.acc) ?? 0) + op.running[i]);
      n += op.running[i];
    });
  }
  // Nothing runs (every rack too hot for its site, or no power yet): the plan is searched for the
  // accelerators on site, as their own walls see them, not for a single accelerator.
  if (n === 0)
    for (const site of alive)
      site.names.forEach((name, i) => {
        const a = p.hardware_by_name.get(name)!;
        by.set(a, (by.get(a) ?? 0) + site.counts[i]);
        n += site.counts[i];
      });
  let acc = onSale(p, t)[0];
  let most = 0;
  for (const [a, count] of by) if (count > most) [acc, most] = [a, count];
  return { acc, gpus: Math.max(1, n * runShare) };
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

function floorNetwork(p: Params, acc: AcceleratorSpec, scale: number): FloorNetwork {
  return {
    kernel_latency_us: p.network.kernel_latency_us,
    scale_up_latency_us: p.network.scale_up_latency_us / scale,
    hop_latency_us: p.network.hop_latency_us / scale,
    scale_up_domain_gpus: acc.scale_up_domain_gpus,
    scale_out_bytes_per_s: acc.scale_out_bytes_per_s * scale,
    collective_efficiency: p.network.collective_efficiency,
  };
}

function networkInputs(
  p: Params,
  d: Demand,
  acc: AcceleratorSpec,
  scale: number,
  parallelismFlop: number | undefined,
  cache: RunCache | undefined,
): NetworkWallInputs {
  const layers = p.model.layers;
  const moeLayers = p.model.routed_experts > 0 && p.model.top_k > 0 ? p.model.moe_layers : 0;
  // every field present (the optional ones undefined when absent): a literal with conditional
  // spreads was built on the runtime's slow path each step, and its reads after were slow too
  return {
    training_seconds: d.training_seconds,
    tokens_per_param: p.data.tokens_per_param,
    sequence_tokens: p.model.context_tokens,
    net: floorNetwork(p, acc, scale),
    model_at: (active) => ({
      layers,
      moe_layers: moeLayers,
      total_params: totalParamsForActive(p.model, active),
      gradient_bytes: p.model.bytes_per_weight,
    }),
    critical_batch: (flop, params, tokens) =>
      criticalBatchTokens(p.model.critical_batch_law, flop, params, tokens, p.model.critical_batch_tokens),
    parallelism_flop: parallelismFlop,
    permits: cache ? floorSlot(cache, acc, scale, d.training_seconds) : undefined,
    ends: cache ? floorEndsSlot(cache, acc, scale) : undefined,
  };
}

/** Tokens per optimizer step of the target run: the critical batch, at least one sequence. */
function criticalBatchAt(p: Params, d: Demand, profile: WorkloadProfile): number {
  const tokens = tokensForFlop(d.target_flop, p.data.tokens_per_param);
  return Math.max(
    p.model.context_tokens,
    criticalBatchTokens(
      p.model.critical_batch_law,
      d.target_flop,
      profile.active_params,
      tokens,
      p.model.critical_batch_tokens,
    ),
  );
}

/** The step model's plans as step `t`'s assessment sees them (the planner's first look, before any step). */
export function stepPlansAt(p: Params, world: World, t: number, makeProfile: AssessContext['makeProfile']): StepPlans {
  const d = demandAt(p, t, world.algorithmic_boost);
  const shape = shapeForActiveParams(p.model, computeOptimalParams(d.target_flop, p.data.tokens_per_param));
  const profile = makeProfile(shape);
  const batch = criticalBatchAt(p, d, profile);
  const ref = referenceRun(p, world, t, d.run_share);
  return stepPlans(p, shape.d_model, precisionAt(p, t), batch, profile.router.imbalance, ref.acc, ref.gpus);
}

/** The imbalance law for this shape, memoized by scale-up domain size (null for a dense family). */
function routingLaw(ctx: AssessContext, shape: ModelShape): (domain: number) => RoutingImbalance | null {
  const { p } = ctx;
  const learned = ctx.learned;
  if (!isMoe(shape) || !learned) return () => null;
  // its inputs are the run's (the family's experts and top-k, the MoE settings, the learned skew)
  const memo = ctx.cache?.routing ?? new Map<number, RoutingImbalance>();
  return (domain) => {
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
    return r;
  };
}

export function stepInputs(ctx: AssessContext, world: World, t: number, syntheticTokens: number): StepInputs {
  const { p } = ctx;
  const d = demandAt(p, t, world.algorithmic_boost);
  const precision = precisionAt(p, t);
  const sale = onSale(p, t);
  const newest = sale[0];
  const active = computeOptimalParams(d.target_flop, p.data.tokens_per_param);
  const shape = shapeForActiveParams(p.model, active);
  const profile = ctx.makeProfile(shape);
  const domain = newest.scale_up_domain_gpus;
  const point = profile.at(p.model.micro_batch_tokens_per_gpu, moePlacement(p.moe, shape, domain));
  const routingAt = routingLaw(ctx, shape);
  const criticalBatch = criticalBatchAt(p, d, profile);
  const stated = mfuAt(p, t);
  const alive = aliveBySite(world, t, ctx.cache?.alive, ctx.cache?.alive_fold);
  // The step model's plans: searched up front when they derive the MFU; with a stated MFU only if a
  // reader asks (nothing in the assessment does), so a stated-MFU step does no plan search. A derived
  // step counts its running accelerators on frames it then refills with the plans' rates (below).
  let searched: StepPlans | undefined;
  const counted = stated === null ? siteFrames(world, p, t, ANY_MFU, alive) : undefined;
  const stepPlansNow = (): StepPlans => {
    if (searched === undefined) {
      const ref = referenceRun(p, world, t, d.run_share, alive, counted);
      searched = stepPlans(p, shape.d_model, precision, criticalBatch, profile.router.imbalance, ref.acc, ref.gpus);
    }
    return searched;
  };
  const plans = stated === null ? stepPlansNow() : null;
  const frame: FrameInputs = {
    precision,
    mfu: plans === null ? () => stated! : plans.workMfu,
    intensity_flop_per_byte: point.arithmetic_intensity,
    hbm_elasticity: plans === null ? null : plans.hbmElasticity,
  };

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

  const newestFrame = generationFrame(newest, 1, p, frame);
  const parallelism = (acc: AcceleratorSpec, scale: number): number | undefined =>
    plans === null ? undefined : plans.parallelismFlopPerS(acc, scale) * d.training_seconds;
  const perGpu = new Map<AcceleratorSpec, number>();
  const sustained = (acc: AcceleratorSpec): number => {
    let v = perGpu.get(acc);
    if (v === undefined) perGpu.set(acc, (v = sustainedFlopPerS(generationFrame(acc, 1, p, frame))));
    return v;
  };
  // a one-site run of one generation, refilled per call (efficiency reads it and keeps nothing)
  const site1: RunShape = {
    accelerator: newest,
    gpus: 0,
    flop_per_s_per_gpu: 0,
    sites: 1,
    distance_km: 0,
    scale_out_bytes_per_s: 0,
    scale_up_bytes_per_s: 0,
    scale_up_domain_gpus: 0,
    hbm_bytes_per_gpu: 0,
  };
  const oneSite = (gpus: number, flopPerSPerGpu: number, acc: AcceleratorSpec): RunShape => {
    site1.accelerator = acc;
    site1.gpus = gpus;
    site1.flop_per_s_per_gpu = flopPerSPerGpu;
    site1.scale_out_bytes_per_s = acc.scale_out_bytes_per_s;
    site1.scale_up_bytes_per_s = acc.scale_up_bytes_per_s;
    site1.scale_up_domain_gpus = acc.scale_up_domain_gpus;
    site1.hbm_bytes_per_gpu = acc.hbm_bytes;
    return site1;
  };
  const sites: SiteResource[] = world.sites.map((s) => ({
    name: s.spec.name,
    available_mw: availablePowerMw(s),
    pue: p.cooling.technologies[s.technology].pue,
    cooling_mw: s.cooling_capacity_mw,
    max_kw_per_rack: p.cooling.technologies[s.technology].max_kw_per_rack,
  }));
  const years = Math.max(0, d.years);
  const walls: WallInputs = {
    year: t,
    target_flop: d.target_flop,
    training_seconds: d.training_seconds,
    run_share: d.run_share,
    newest,
    on_sale: sale,
    sustained,
    comm_efficiency: (gpus, flopPerSPerGpu, acc) => efficiency(oneSite(Math.max(1, gpus), flopPerSPerGpu, acc), 1),
    it_w: (acc) => itWattsPerGpu(acc, p),
    rack_kw: (acc) => rackKw(acc, p),
    supply_gpus: supplyCounts(world.supply_gpus, t, p, ctx.cache?.supply),
    hbm_supply_gpus: supplyCounts(world.hbm_supply_gpus, t, p, ctx.cache?.hbm_supply),
    hbm: {
      usable_fraction: p.memory.hbm_usable_fraction,
      state_bytes_per_param: p.memory.training_state_bytes_per_param,
      active_over_total: profile.active_params / profile.total_params,
    },
    tokens_per_param: p.data.tokens_per_param,
    sites,
    data: {
      stock_tokens: p.data.stock_tokens * Math.pow(p.data.stock_growth_per_year, years) + world.extra_tokens,
      stock_kind: p.data.stock_kind,
      max_epochs: p.data.max_epochs,
      repeat_half_life_epochs: REPEAT_HALF_LIFE_EPOCHS,
      synthetic_tokens: syntheticTokens,
      synthetic_quality: p.data.synthetic_quality,
    },
    network: networkInputs(p, d, newest, 1, parallelism(newest, 1), ctx.cache),
  };
  return {
    demand: d,
    precision,
    newest,
    shape,
    profile,
    point,
    frame,
    frames: counted !== undefined ? refillFrames(counted, frame) : siteFrames(world, p, t, frame, alive),
    newestFrame,
    criticalBatch,
    mfu_source: stated !== null ? 'stated' : 'step model',
    plans: stepPlansNow,
    runMfu: (run) => stated ?? stepPlansNow().at(run.accelerator ?? newest, Math.max(1, run.gpus)).mfu,
    exposedLabel: (run, scale) =>
      exposedPart(stepPlansNow().at(run.accelerator ?? newest, Math.max(1, run.gpus), scale)),
    routingAt,
    targetModel: {
      layers: shape.layers,
      moe_layers: shape.moe_layers,
      total_params: profile.total_params,
      gradient_bytes: shape.bytes_per_weight,
    },
    walls,
    comm,
    efficiency,
    scaledNetwork: (scale) => networkInputs(p, d, newest, scale, parallelism(newest, scale), ctx.cache),
    runParallelismFlop: (run, scale) => (run.accelerator ? parallelism(run.accelerator, scale) : undefined),
  };
}
