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
import type { ModelShape } from '../moe/shape.ts';
import { computeOptimalParams, shapeForActiveParams, totalParamsForActive } from '../workload/shape.ts';
import type { WorkloadPoint, WorkloadProfile } from '../workload/profile.ts';
import type { StepComm } from '../workload/step-comm.ts';
import type { RoutingImbalance } from '../workload/imbalance-law.ts';
import { moePlacement } from '../workload/moe-placement.ts';
import { demandAt, type Demand } from '../demand/demand.ts';
import {
  itWattsPerGpu,
  mfuAt,
  precisionAt,
  rackKw,
  type AcceleratorSpec,
  type Params,
  type Precision,
} from '../params/params.ts';
import type { RunShape } from './run-shape.ts';
import { exposedPart, stepPlans, type StepPlans } from './step-plan.ts';
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
import { AS_BUILT, operateSite, type SiteOperation } from './operate.ts';
import { floorEndsSlot, floorSlot, type RunCache } from './run-cache.ts';
import { routingLaw, runComm } from './run-comm.ts';
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
  // Counts by generation in the order first met (a few generations: two short arrays, scanned).
  const accs: AcceleratorSpec[] = [];
  const counts: number[] = [];
  const add = (a: AcceleratorSpec, count: number): void => {
    const j = accs.indexOf(a);
    if (j < 0) {
      accs.push(a);
      counts.push(0 + count);
    } else counts[j] += count;
  };
  let n = 0;
  const op = REFERENCE_OP;
  for (const site of frames) {
    operateSite(site, AS_BUILT, op);
    for (let i = 0; i < site.gens.length; i++) {
      add(site.gens[i].acc, op.running[i]);
      n += op.running[i];
    }
  }
  // Nothing runs (every rack too hot for its site, or no power yet): the plan is searched for the
  // accelerators on site, as their own walls see them, not for a single accelerator.
  if (n === 0)
    for (const site of alive)
      for (let i = 0; i < site.names.length; i++) {
        add(p.hardware_by_name.get(site.names[i])!, site.counts[i]);
        n += site.counts[i];
      }
  let acc = onSale(p, t)[0];
  let most = 0;
  for (let j = 0; j < accs.length; j++)
    if (counts[j] > most) {
      acc = accs[j];
      most = counts[j];
    }
  return { acc, gpus: Math.max(1, n * runShare) };
}

/** referenceRun's operation, refilled per site (it keeps only the running counts, read at once). */
const REFERENCE_OP: SiteOperation = {
  running: [],
  stranded: 0,
  it_mw: 0,
  limited_by: 'none',
  power_slack: 0,
  cooling_slack: 0,
};

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

  const { comm, efficiency } = runComm(ctx, { plans, newest, shape, profile, point, criticalBatch, routingAt });

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
