// The result of one run: what `firstwall run --json` prints and `runScenario` returns. Reports,
// sweeps and comparisons read only this. Invariant: every number is finite (no NaN/Infinity);
// schemas/result.schema.json describes it and tests validate real results against it.
import type { Wall } from './walls.ts';
import type { FleetResult } from './fleet-types.ts';
import type { InferenceStep, StepCost } from './cost-types.ts';
import type { FleetYear } from './fleet-types.ts';

export interface WallAssessment {
  /** Physical FLOP of the largest run this wall alone permits at this step. */
  permitted_flop: number;
  /** permitted_flop / target_flop (< 1: the wall binds). */
  headroom: number;
  /** The sub-constraint that set it, e.g. "bandwidth", "capacity", "supply", "grid", "density". */
  limited_by: string;
}

export interface SiteStep {
  name: string;
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
}

/** The quantities behind the walls at one step (the run's operating point and the fleet). */
export interface StepQuantities {
  gpus_installed: number;
  gpus_for_run: number;
  gpus_by_generation: Record<string, number>;
  run_share: number;
  peak_flop_per_s: number;
  effective_flop_per_s: number;
  mfu: number;
  /** Fraction of peak that the HBM roofline allows (1 = compute-bound). */
  roofline_fraction: number;
  arithmetic_intensity_flop_per_byte: number;
  /** Exposed (not overlapped) communication time / total step time. */
  exposed_comm_fraction: number;
  comm_time_per_step_s: number;
  latency_floor_per_step_s: number;
  /** How communication times were obtained: closed-form alpha-beta, or the flow simulation. */
  network_method: 'closed_form' | 'simulated';
  optimizer_steps: number;
  it_mw: number;
  facility_mw: number;
  heat_mw: number;
  pue: number;
  available_power_mw: number;
  cooling_capacity_mw: number;
  /** IT power the target run itself would need at the fleet's efficiency. */
  run_it_mw_needed: number;
  run_facility_mw_needed: number;
  hbm_tb_installed: number;
  params_total: number;
  params_active: number;
  tokens_needed: number;
  tokens_available: number;
  algorithmic_gain: number;
  assumed_algorithmic_gain: number;
}

export interface StepResult {
  year: number;
  training_days: number;
  /** Capability-equivalent compute the demand path asks for. */
  target_effective_flop: number;
  /** Physical FLOP the run needs given the algorithmic progress actually achieved. */
  target_flop: number;
  walls: Record<Wall, WallAssessment>;
  /** The wall of least headroom at this step (ties: the earlier wall in WALLS). */
  binding: Wall;
  quantities: StepQuantities;
  sites: SiteStep[];
  /** Cost of the frontier run and of the fleet (src/cost/, issue 8). */
  cost?: StepCost;
  /** Real-time inference within the latency radius (src/subsystems/inference-siting.ts). */
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
  'hbm_capacity',
] as const;
export type BuildoutKind = (typeof BUILDOUT_KINDS)[number];

export interface Buildout {
  id: number;
  kind: BuildoutKind;
  site: string | null;
  /** Amount in `unit` (MW, GPUs, TB, or 1 for a retrofit). */
  amount: number;
  unit: 'MW' | 'GPUs' | 'TB' | 'retrofit';
  /** Accelerator generation (GPU deliveries) or cooling technology (retrofits). */
  item: string | null;
  ordered_at: number;
  lands_at: number;
  /** True when it landed within the horizon. */
  landed: boolean;
  /** "planner" or "event". */
  origin: 'planner' | 'event';
}

/** GPUs GPU supply allowed at a review but the planner could not buy: no HBM, or no power the sites could ever reach. */
export interface HeldBack {
  at: number;
  reason: 'hbm' | 'power';
  item: string;
  amount: number;
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
  wall: Wall;
  year: number;
  headroom: number;
}

export interface RunResult {
  firstwall_version: string;
  scenario: { name: string; description: string; file: string; hash: string; seed: number };
  horizon: { start_year: number; end_year: number; step_years: number };
  workload: { source: 'analytic' | 'calibration'; calibration_file: string | null };
  steps: StepResult[];
  /** The binding wall at the first step where any headroom < 1; null if none within the horizon. */
  first_wall: WallCrossing | null;
  /** The first year each wall's headroom falls below 1, earliest first. */
  crossings: WallCrossing[];
  /** When no wall binds: the least headroom seen over the horizon. */
  nearest: WallCrossing;
  buildouts: Buildout[];
  /** What supply permitted but HBM or power held back (counted by the compute wall, not installed). */
  held_back?: HeldBack[];
  events: EventRecord[];
  /** The regional AI fleet's yearly series, when the scenario has a `fleet:` section (src/fleet/). */
  fleet?: FleetResult;
}
