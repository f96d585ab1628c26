// The result of one run: what `firstwall run --json` prints and `runScenario` returns. Reports,
// sweeps and comparisons read only this. Invariant: every number is finite (no NaN/Infinity);
// schemas/result.schema.json describes it and tests validate real results against it.
import type { FleetResult } from './fleet-types.ts';
import type { InferenceStep, StepCost } from './cost-types.ts';
import type { FleetYear } from './fleet-types.ts';

/** A wall's id (src/walls/registry.ts lists the shipped ones: compute, memory, network, power, cooling, data). */
export type WallId = string;

export interface WallAssessment {
  /** Physical FLOP of the largest run this wall's resource permits on its own (every other resource ample). */
  permitted_flop: number;
  /** permitted_flop / target_flop (< 1: this resource alone could not carry the target run). */
  headroom: number;
  /** The sub-constraint that set it, e.g. "accelerator supply", "HBM capacity", "latency", "rack density". */
  limited_by: string;
  /** The quantities behind the permit (accelerators, MW, tokens, the latency-only permit, ...). */
  detail: Record<string, number>;
}

/** One constraint active at the coupled solution, with the achievable run's elasticity to it. */
export interface ActiveConstraint {
  wall: WallId;
  limited_by: string;
  /** % more achievable FLOP per 1% more of the resource (found by perturbation). */
  elasticity: number;
}

/** The run achievable with every constraint at once (the coupled solve). */
export interface Achievable {
  /** Physical FLOP of the largest run the world as it stands at this step can train. */
  flop: number;
  /** flop / target (< 1: the target is out of reach). */
  headroom: number;
  /** Largest run on the single best site (no inter-site link). */
  single_site_flop: number;
  /** Sites the achievable run spans. */
  sites_used: number;
  /** Accelerators the achievable run uses. */
  gpus: number;
  /** The binding constraint: the active one with the largest elasticity. */
  binding: WallId;
  limited_by: string;
  /** Every active constraint, largest elasticity first. */
  active: ActiveConstraint[];
  /** Elasticity of the achievable run to each resource (+1% of it, all else as it stands). */
  elasticity: Record<string, number>;
}

/** Algorithmic progress as a multiplier on physical compute (never a wall). */
export interface AlgorithmicView {
  /** Gain the plan assumes (2^(years / assumed halving)). */
  assumed_gain: number;
  /** Gain achieved (the scenario's halving time, slowdown, ceiling and breakthroughs). */
  achieved_gain: number;
  /** target_flop x assumed_gain: the capability-equivalent compute the plan asks for. */
  effective_target_flop: number;
  /** achievable FLOP x achieved_gain. */
  effective_flop: number;
  /** achieved_gain / assumed_gain (< 1: algorithms fall short of the plan). */
  shortfall_ratio: number;
}

export interface SiteStep {
  name: string;
  /** Grid region (new campuses are capped per region). */
  region: string;
  gpus: number;
  /** GPUs that cannot run: their racks are hotter than the site's cooling technology allows. */
  stranded_gpus: number;
  grid_mw: number;
  onsite_generation_mw: number;
  cooling_technology: string;
  cooling_capacity_mw: number;
  rack_kw: number;
  it_mw: number;
  facility_mw: number;
  pue: number;
  /** What scaled the site's running accelerators down: power, the cooling plant, or nothing. */
  limited_by: 'power' | 'cooling' | 'none';
}

/** The quantities behind the walls at one step (the run's operating point and the fleet). */
export interface StepQuantities {
  gpus_installed: number;
  /** Installed accelerators that run (not stranded, within power and cooling). */
  gpus_running: number;
  /** Accelerators the achievable run uses. */
  gpus_for_run: number;
  gpus_by_generation: Record<string, number>;
  run_share: number;
  /** Number format of the run's matrix math at this step. */
  precision: 'bf16' | 'fp8' | 'fp4';
  /** Peak FLOP/s of the installed fleet at that precision. */
  peak_flop_per_s: number;
  /** FLOP/s the achievable run sustains. */
  effective_flop_per_s: number;
  mfu: number;
  /** Where the MFU came from: the step model's plan (compute.mfu absent), or the scenario. */
  mfu_source?: 'step model' | 'stated';
  /** Fraction of peak that the HBM roofline allows (1 = compute-bound), over the running fleet. */
  roofline_fraction: number;
  arithmetic_intensity_flop_per_byte: number;
  /** Exposed (not overlapped) communication time / step time of the achievable run. */
  exposed_comm_fraction: number;
  comm_time_per_step_s: number;
  /** How communication times were obtained: closed-form alpha-beta, the flow simulation, or the
   * step model's plan (compute.mfu absent: exposed TP/CP/EP/PP/DP communication per plan). */
  network_method: 'closed_form' | 'simulated' | 'step_model';
  /** Critical batch (tokens per optimizer step) of the target run. */
  critical_batch_tokens: number;
  /** Serial optimizer steps of the target run. */
  optimizer_steps: number;
  /** Minimum time per step with unlimited accelerators (latency + gradient bandwidth), at the target's scale. */
  step_floor_s: number;
  /** Latency part of that floor. */
  latency_floor_s: number;
  it_mw: number;
  facility_mw: number;
  heat_mw: number;
  pue: number;
  available_power_mw: number;
  cooling_capacity_mw: number;
  /** IT power the target run itself would need at the running fleet's efficiency. */
  run_it_mw_needed: number;
  run_facility_mw_needed: number;
  hbm_tb_installed: number;
  /** Accelerators the developer's supply delivered, alive (the compute wall's count). */
  supply_gpus: number;
  /** Accelerators its HBM supply could equip, alive (the memory wall's count). */
  hbm_supply_gpus: number;
  params_total: number;
  params_active: number;
  tokens_needed: number;
  tokens_available: number;
}

/** The run's parallelism plan at one step (src/datacenter/step-plan.ts, src/workload/step). */
export interface StepPlanRecord {
  /** Where the MFU came from (always the step model: a stated compute.mfu records no plan). */
  source: 'step model';
  /** The generation the plan runs on (the run's most numerous) and the GPUs of its bucket. */
  accelerator: string;
  gpus: number;
  tp: number;
  pp: number;
  dp: number;
  cp: number;
  ep: number;
  micro_batch: number;
  /** Sequences per optimizer step. */
  global_batch: number;
  schedule: '1f1b' | 'interleaved' | 'dualpipe';
  chunks: number;
  recompute: 'none' | 'selective' | 'full';
  zero: 0 | 1 | 2 | 3;
  precision: 'bf16' | 'fp8' | 'fp4';
  /** False when no plan fits HBM and the fastest plan with HBM ignored stands in. */
  fits_hbm: boolean;
  step_s: number;
  /** The MFU the step used for the run (the plan's at the run's size, interpolated between GPU
   * buckets) and the plan's own at its bucket. */
  mfu: number;
  step_model_mfu: number;
  /** Model FLOP / (peak x the time GPUs compute) of this generation at the reference run (the
   * run's share of every alive accelerator): the sustained FLOP/s the walls use, before overheads. */
  work_mfu: number;
  /** Shares of the plan's step time: exposed communication and pipeline bubble; GPUs the batch cannot keep busy. */
  exposed_comm_fraction: number;
  bubble_fraction: number;
  idle_fraction: number;
}

export interface StepResult {
  year: number;
  training_days: number;
  /** Physical FLOP of the frontier run the plan asks for at this step. */
  target_flop: number;
  /** Each wall's own permit (src/walls/registry.ts order). */
  walls: Record<WallId, WallAssessment>;
  /** The coupled solve: what the world can actually train, and why not more. */
  achievable: Achievable;
  /** Algorithmic progress, shown beside physical compute. */
  algorithms: AlgorithmicView;
  quantities: StepQuantities;
  /** The parallelism plan the step model chose for the achievable run (null: the MFU is stated, or no plan exists). */
  plan?: StepPlanRecord | null;
  sites: SiteStep[];
  /** Cost of the frontier run and of the fleet (src/cost/, issue 8). */
  cost?: StepCost;
  /** Real-time inference within the latency radius (src/walls/inference-siting.ts). */
  inference?: InferenceStep;
  /** The regional AI fleet at this year, when the scenario has a `fleet:` section (src/fleet/). */
  fleet?: FleetYear;
}

export const BUILDOUT_KINDS = [
  'grid_connection',
  'onsite_generation',
  'cooling_expansion',
  'cooling_retrofit',
  'gpu_delivery',
  'site_acquisition',
] as const;
export type BuildoutKind = (typeof BUILDOUT_KINDS)[number];

export interface Buildout {
  id: number;
  kind: BuildoutKind;
  site: string | null;
  /** Amount in `unit` (MW, GPUs, 1 for a retrofit, the first grid MW of an acquired site). */
  amount: number;
  unit: 'MW' | 'GPUs' | 'retrofit';
  /** Accelerator generation (GPU deliveries) or cooling technology (retrofits). */
  item: string | null;
  ordered_at: number;
  /** When it lands (or would land, past the horizon); null while an interconnection study is pending. */
  lands_at: number | null;
  /** True when it landed within the horizon. */
  landed: boolean;
  /** "planner" or "event". */
  origin: 'planner' | 'event';
}

/** What limited the planner's accelerator purchase at one review (the coupled solve's accelerator
 * constraint is attributed to the supply that capped recent purchases). */
export interface PurchaseLimit {
  at: number;
  /** Accelerators the plan wanted for the run `lookahead_years` ahead. */
  wanted: number;
  bought: number;
  /** 'none' when nothing capped the purchase. */
  limited_by: 'accelerator supply' | 'HBM supply' | 'reachable power' | 'none';
  item: string;
}

/** A review whose new grid orders (connections and new campuses) its region's yearly share of the
 * fleet region's grid buildout capped. */
export interface GridLimit {
  at: number;
  region: string;
  /** MW of new grid the review wanted in the region (this year's earlier orders included). */
  wanted_mw: number;
  /** MW the region's share of this year's grid buildout allowed (earlier orders included). */
  allowed_mw: number;
}

export interface EventRecord {
  at: number;
  kind: string;
  site: string | null;
  label: string | null;
  /** What the event did, in words (e.g. "grid +500 MW at campus-a"). */
  effect: string;
}

export interface WallCrossing {
  wall: WallId;
  year: number;
  headroom: number;
}

/** The first wall: the binding constraint of the coupled solve at the first step it falls short. */
export interface FirstWall {
  wall: WallId;
  year: number;
  /** achievable / target at that step. */
  headroom: number;
  limited_by: string;
  /** The other constraints active at that step, largest elasticity first. */
  also_active: ActiveConstraint[];
}

/** How sure the single-draw verdict is: the first wall over common-random-number lead-time draws. */
export interface VerdictCertainty {
  draws: number;
  /** Share of draws whose first wall is each wall ('none': no wall within the horizon). */
  first_wall_probability: Record<string, number>;
  /** Range of the first wall's year over the draws (null when no draw has one). */
  first_year: { min: number; median: number; max: number } | null;
  /** The single draw's first wall, and whether the most likely wall agrees with it. */
  agrees: boolean;
}

export interface RunResult {
  firstwall_version: string;
  scenario: { name: string; description: string; file: string; hash: string; seed: number };
  horizon: { start_year: number; end_year: number; step_years: number };
  workload: {
    source: 'analytic' | 'calibration';
    calibration_file: string | null;
    network: 'closed_form' | 'simulated';
  };
  steps: StepResult[];
  /** The coupled solve's binding constraint at the first step where the achievable run falls short. */
  first_wall: FirstWall | null;
  /** The first year each wall's own permit falls below the target, earliest first. */
  crossings: WallCrossing[];
  /** The least achievable headroom over the horizon and its binding constraint. */
  nearest: WallCrossing;
  /** Growth of the achievable run against the target's, per year (geometric mean over the horizon). */
  growth: { target_per_year: number; achieved_per_year: number };
  /** First step where algorithmic progress falls short of the plan's assumption (null: never). */
  algorithmic_shortfall: { year: number; ratio: number } | null;
  /** Set by `run` (src/model/certainty.ts): how the first wall varies over lead-time draws. */
  certainty?: VerdictCertainty;
  buildouts: Buildout[];
  purchases: PurchaseLimit[];
  /** Reviews whose new grid orders a region's grid buildout capped (planner.regions[].fleet_region). */
  grid_limits?: GridLimit[];
  events: EventRecord[];
  /** The regional AI fleet's yearly series, when the scenario has a `fleet:` section (src/fleet/). */
  fleet?: FleetResult;
}
