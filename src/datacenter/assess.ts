// One step's assessment: the run the demand asks for, the coupled operating point of the fleet,
// and every wall's permitted run and headroom. Pure: reads the world, changes nothing.
//
//   demand (effective -> physical FLOP) -> frontier shape -> workload point (AI, a2a bytes)
//   -> operate sites (stranding, power/cooling caps) -> compute, memory, network (step comm)
//   -> power and cooling at the fleet's effective FLOP/s per watt -> data, algorithms -> binding
import { algorithmsWall } from '../walls/algorithms.ts';
import { computeWall, runFlop } from '../walls/compute.ts';
import { coolingWall } from '../walls/cooling.ts';
import { dataSupply, dataWall, tokensForFlop } from '../walls/data.ts';
import { maxParamsInHbm, memoryWall, rooflineFraction } from '../walls/memory.ts';
import { latencyLimitedFlop, networkWall, stepComm, type StepComm, type StepCommInputs } from '../walls/network.ts';
import { powerWall } from '../walls/power.ts';
import { computeOptimalParams, shapeForActiveParams } from '../workload/shape.ts';
import type { WorkloadPoint, WorkloadProfile } from '../workload/profile.ts';
import type { ModelShape } from '../moe/shape.ts';
import { demandAt, type Demand } from '../demand/demand.ts';
import { DEFAULTS } from '../params/defaults.ts';
import { newestAccelerator, type AcceleratorSpec, type Params } from '../params/params.ts';
import type { StepResult, WallAssessment } from '../result/types.ts';
import { WALLS, type Wall } from '../result/walls.ts';
import { allGenerations, efficiencyPerWatt, fleetStats, type FleetStats } from './fleet-stats.ts';
import { operate, type SiteOperation } from './operate.ts';
import { aliveAt, availablePowerMw, type World } from './world.ts';

export interface AssessContext {
  p: Params;
  makeProfile: (shape: ModelShape) => WorkloadProfile;
  /** Replaces the closed-form step communication (the flow simulation plugs in here). */
  stepComm?: (inputs: StepCommInputs) => StepComm;
}

export function bindingWall(walls: Record<Wall, WallAssessment>): Wall {
  let best: Wall = WALLS[0];
  for (const w of WALLS) if (walls[w].headroom < walls[best].headroom) best = w;
  return best;
}

function modelParallelGpus(
  p: Params,
  profile: WorkloadProfile,
  fleet: FleetStats,
  newest: AcceleratorSpec,
  runGpus: number,
): number {
  const domain = fleet.gpus > 0 ? fleet.scale_up_domain_gpus : newest.scale_up_domain_gpus;
  const hbmPerGpu = (fleet.gpus > 0 ? fleet.mean_hbm_bytes_per_gpu : newest.hbm_bytes) * p.memory.hbm_usable_fraction;
  const needed = Math.ceil((profile.total_params * p.memory.training_state_bytes_per_param) / hbmPerGpu);
  return Math.max(1, Math.min(runGpus, Math.ceil(Math.max(needed, domain) / domain) * domain));
}

/**
 * The sites the run spans: the sites with the most running GPUs first, until their training GPUs
 * cover the run. A run that fits one campus does not pay for fiber between campuses.
 */
export function siteSpan(
  world: World,
  ops: SiteOperation[],
  runGpus: number,
  trainingShare: number,
): { sites: number; km: number } {
  const running = (o: SiteOperation) => o.generations.reduce((a, g) => a + g.running, 0);
  const order = ops
    .map((o, i) => ({ gpus: running(o), km: world.sites[i].spec.distance_km }))
    .filter((x) => x.gpus > 0)
    .sort((a, b) => b.gpus - a.gpus);
  const used: number[] = [];
  let covered = 0;
  for (const s of order) {
    if (covered >= runGpus - 1e-6) break;
    used.push(s.km);
    covered += s.gpus * trainingShare;
  }
  return { sites: used.length, km: used.length > 1 ? Math.max(...used) - Math.min(...used) : 0 };
}

interface Operating {
  d: Demand;
  profile: WorkloadProfile;
  point: WorkloadPoint;
  ops: SiteOperation[];
  /** Every installed GPU (stranded and unpowered included). */
  fleet: FleetStats;
  /** GPUs that run (racks fit the cooling, within power and cooling capacity): the run's pool. */
  running: FleetStats;
  /** Installed + GPUs held back by power: what HBM supply equipped (the memory wall's fleet). */
  hbmFleet: { acc: AcceleratorSpec; count: number }[];
  /** hbmFleet + GPUs held back by HBM: what logic supply delivered (the compute wall's fleet). */
  logicFleet: FleetStats;
  newest: AcceleratorSpec;
  rho: (a: AcceleratorSpec) => number;
}

function operatingPoint(ctx: AssessContext, world: World, t: number): Operating {
  const { p } = ctx;
  const d = demandAt(p, t, world.algorithmic_boost);
  const shape = shapeForActiveParams(p.model, computeOptimalParams(d.target_flop, p.data.tokens_per_param));
  const profile = ctx.makeProfile(shape);
  const ops = operate(world, p, t);
  const gens = allGenerations(ops);
  const fleet = fleetStats(gens);
  const hw = p.hardware_by_name;
  const virtual = (cohorts: World['hbm_held']) =>
    aliveAt(cohorts, t).map((c) => ({ acc: hw.get(c.accelerator)!, count: c.count }));
  const hbmFleet = [...gens, ...virtual(world.power_held)];
  const logicFleet = fleetStats([...hbmFleet, ...virtual(world.hbm_held)]);
  const running = fleetStats(gens.map((g) => ({ acc: g.acc, count: g.running })));
  const newest = newestAccelerator(p, t);
  const runGpus = Math.max(1, running.gpus * d.run_share);
  const domain = running.gpus > 0 ? running.scale_up_domain_gpus : newest.scale_up_domain_gpus;
  const ep = Math.max(1, Math.min(shape.routed_experts || 1, runGpus));
  const point = profile.at(p.model.micro_batch_tokens_per_gpu, {
    ep_devices: ep,
    gpus_per_node: domain,
    max_nodes_per_token: Math.ceil(ep / domain),
  });
  const rho = (a: AcceleratorSpec) =>
    rooflineFraction(point.arithmetic_intensity, a.peak_flop_per_s, a.hbm_bytes_per_s);
  return { d, profile, point, ops, fleet, running, hbmFleet, logicFleet, newest, rho };
}

export function assessStep(ctx: AssessContext, world: World, t: number, syntheticTokens: number): StepResult {
  const { p } = ctx;
  const o = operatingPoint(ctx, world, t);
  const { d, fleet, running, ops, rho } = o;
  const T = d.training_seconds;
  const gens = allGenerations(ops);
  const mfu = p.compute.mfu;

  // compute and memory
  const rooflinePeak = o.hbmFleet.reduce((a, g) => a + g.count * g.acc.peak_flop_per_s * rho(g.acc), 0);
  const hbmPeak = o.hbmFleet.reduce((a, g) => a + g.count * g.acc.peak_flop_per_s, 0);
  const runningRoofline = gens.reduce((a, g) => a + g.running * g.acc.peak_flop_per_s * rho(g.acc), 0);
  const rooflineFlop = runFlop(rooflinePeak, mfu, T, d.run_share);
  const runHbm = o.hbmFleet.reduce((a, g) => a + g.count * g.acc.hbm_bytes, 0) * d.run_share;
  const maxActive =
    maxParamsInHbm(runHbm, p.memory.hbm_usable_fraction, p.memory.training_state_bytes_per_param) *
    (o.profile.active_params / o.profile.total_params);
  const capacityFlop = 6 * p.data.tokens_per_param * maxActive * maxActive;
  const heldByHbm = o.logicFleet.gpus - o.hbmFleet.reduce((a, g) => a + g.count, 0);

  // network at the run's operating point: the GPUs that actually run
  const runGpus = Math.max(1, running.gpus * d.run_share);
  const span = siteSpan(world, ops, runGpus, 1 - d.inference_share);
  const commInputs: StepCommInputs = {
    run_gpus: runGpus,
    model_parallel_gpus: modelParallelGpus(p, o.profile, running, o.newest, runGpus),
    scale_up_domain_gpus: running.gpus > 0 ? running.scale_up_domain_gpus : o.newest.scale_up_domain_gpus,
    global_batch_tokens: p.model.critical_batch_tokens,
    train_flop_per_token: o.point.train_flop_per_token,
    flop_per_s_per_gpu:
      running.gpus > 0 ? (runningRoofline / running.gpus) * mfu : o.newest.peak_flop_per_s * rho(o.newest) * mfu,
    total_params: o.profile.total_params,
    bytes_per_weight: o.profile.shape.bytes_per_weight,
    a2a_bytes_per_token_intra: o.point.a2a_bytes_per_token_intra_node,
    a2a_bytes_per_token_inter: o.point.a2a_bytes_per_token_inter_node,
    imbalance: o.profile.router.imbalance,
    routed_experts: o.profile.shape.routed_experts,
    top_k: o.profile.shape.top_k,
    layers: o.profile.shape.layers,
    moe_layers: o.profile.shape.moe_layers,
    scale_out_bytes_per_s: running.gpus > 0 ? running.mean_scale_out_bytes_per_s : o.newest.scale_out_bytes_per_s,
    scale_up_bytes_per_s: running.gpus > 0 ? running.mean_scale_up_bytes_per_s : o.newest.scale_up_bytes_per_s,
    collective_efficiency: p.network.collective_efficiency,
    hop_latency_us: p.network.hop_latency_us,
    scale_up_latency_us: p.network.scale_up_latency_us,
    overlap_fraction: p.network.overlap_fraction,
    sites: span.sites,
    max_site_distance_km: span.km,
    fiber_us_per_km: p.network.fiber_us_per_km,
    inter_site_bytes_per_s: (p.network.inter_site_gbit_per_s * 1e9) / 8,
  };
  const comm = ctx.stepComm ? ctx.stepComm(commInputs) : stepComm(commInputs);
  const latencyFlop = latencyLimitedFlop(
    comm.latency_floor_s,
    T,
    p.model.critical_batch_tokens,
    p.data.tokens_per_param,
  );

  // power and cooling at the fleet's effective FLOP/s per watt (after memory and network losses)
  const flopPerGpu = (a: AcceleratorSpec) => a.peak_flop_per_s * mfu * rho(a) * comm.efficiency;
  const fallbackPue = p.cooling.technologies[world.sites[0].technology].pue;
  const eff = efficiencyPerWatt(gens, ops, p, flopPerGpu, { acc: o.newest, pue: fallbackPue });
  const availableMw = world.sites.reduce((a, s) => a + availablePowerMw(s), 0);
  const usableCoolingMw = ops.reduce(
    (a, op, i) =>
      a +
      world.sites[i].cooling_capacity_mw *
        (op.step.gpus > 0 ? (op.step.gpus - op.step.stranded_gpus) / op.step.gpus : 1),
    0,
  );
  const stranded = ops.reduce((a, op) => a + op.step.stranded_gpus, 0);

  // data
  const years = Math.max(0, d.years);
  const supply = dataSupply(
    p.data.stock_tokens * Math.pow(p.data.stock_growth_per_year, years) + world.extra_tokens,
    p.data.max_epochs,
    DEFAULTS.repeat_half_life_epochs,
    syntheticTokens,
    p.data.synthetic_quality,
  );

  const walls: Record<Wall, WallAssessment> = {
    compute: computeWall(o.logicFleet.peak_flop_per_s, mfu, T, d.run_share, d.target_flop, false),
    memory: memoryWall(
      {
        roofline_flop: rooflineFlop,
        bandwidth_bound: rooflinePeak < hbmPeak * (1 - 1e-12),
        supply_short: heldByHbm > 0.5,
        capacity_flop: capacityFlop,
      },
      d.target_flop,
    ),
    network: networkWall(rooflineFlop, comm, latencyFlop, d.target_flop),
    power: powerWall(availableMw, eff.per_facility_w, T, d.run_share, d.target_flop, 'grid + on-site generation'),
    cooling: coolingWall(
      usableCoolingMw,
      eff.per_it_w,
      T,
      d.run_share,
      d.target_flop,
      stranded > 0 ? 'rack density' : 'heat capacity',
    ),
    data: dataWall(supply, d.target_flop, p.data.tokens_per_param),
    algorithms: algorithmsWall(d.target_effective_flop, d.achieved_gain, d.assumed_gain),
  };
  const it = ops.reduce((a, op) => a + op.step.it_mw, 0);
  const facility = ops.reduce((a, op) => a + op.step.facility_mw, 0);
  const runFlopPerS = d.target_flop / T;
  return {
    year: t,
    training_days: d.training_days,
    target_effective_flop: d.target_effective_flop,
    target_flop: d.target_flop,
    walls,
    binding: bindingWall(walls),
    quantities: {
      gpus_installed: fleet.gpus,
      gpus_for_run: running.gpus * d.run_share,
      gpus_by_generation: fleet.by_generation,
      run_share: d.run_share,
      peak_flop_per_s: fleet.peak_flop_per_s,
      effective_flop_per_s: runningRoofline * mfu * comm.efficiency,
      mfu,
      roofline_fraction: hbmPeak > 0 ? rooflinePeak / hbmPeak : rho(o.newest),
      arithmetic_intensity_flop_per_byte: o.point.arithmetic_intensity,
      exposed_comm_fraction: comm.exposed_s / (comm.compute_s + comm.exposed_s),
      comm_time_per_step_s: comm.comm_s,
      latency_floor_per_step_s: comm.latency_floor_s,
      optimizer_steps: tokensForFlop(d.target_flop, p.data.tokens_per_param) / p.model.critical_batch_tokens,
      network_method: comm.method,
      it_mw: it,
      facility_mw: facility,
      heat_mw: it,
      pue: it > 0 ? facility / it : fallbackPue,
      available_power_mw: availableMw,
      cooling_capacity_mw: world.sites.reduce((a, s) => a + s.cooling_capacity_mw, 0),
      run_it_mw_needed: runFlopPerS / eff.per_it_w / 1e6,
      run_facility_mw_needed: runFlopPerS / eff.per_facility_w / 1e6,
      hbm_tb_installed: fleet.hbm_bytes / 1e12,
      params_total: o.profile.total_params,
      params_active: o.profile.active_params,
      tokens_needed: tokensForFlop(d.target_flop, p.data.tokens_per_param),
      tokens_available: supply.total_tokens,
      algorithmic_gain: d.achieved_gain,
      assumed_algorithmic_gain: d.assumed_gain,
    },
    sites: ops.map((op) => op.step),
  };
}
