// RunResult fixtures with realistic numbers (2025-2040, six walls, buildouts, events), built by
// hand-checkable formulas so tests can assert exact values: headroom_w(t) = h0_w * r_w^(t - 2025),
// target FLOP = 1.5e26 * 4^(t - 2025) (baseline-2025.yaml: Llama 3.1 405B x 4, Epoch AI 4x/yr);
// the achievable run is 0.9 x the least wall's permit, bound by that wall;
// run cost = 2e8 USD * 2^(t - 2025) with energy share 0.05 + 0.01 (t - 2025).
import type { CostBreakdown } from '../../src/result/cost-types.ts';
import type { StepCost } from '../../src/result/cost-types.ts';
import type { Buildout, EventRecord, RunResult, SiteStep, StepResult, WallCrossing } from '../../src/result/types.ts';
import { WALLS, type Wall } from '../../src/walls/registry.ts';
import type { RooflineInput, RouterLoadInput } from '../../src/charts/inputs.ts';

type Curve = Record<Wall, [h0: number, ratePerYear: number]>;

/** The achievable run as a share of the least wall's permit (the coupled solve's losses). */
export const COUPLING = 0.9;

export const BASELINE_CURVES: Curve = {
  compute: [2.0, 0.65],
  memory: [3.0, 0.66],
  network: [5, 0.6],
  power: [1.6, 0.55],
  cooling: [1.8, 0.6],
  data: [400, 0.3],
};
export const BUILDOUT_CURVES: Curve = {
  compute: [2.5, 0.7],
  memory: [3.0, 0.69],
  network: [6, 0.62],
  power: [4, 0.7],
  cooling: [3.5, 0.68],
  data: [400, 0.3],
};
const LIMITED_BY: Record<Wall, string> = {
  compute: 'supply',
  memory: 'bandwidth',
  network: 'all-to-all',
  power: 'grid',
  cooling: 'density',
  data: 'stock',
};

function site(
  name: string,
  t: number,
  grid_mw: number,
  onsite: number,
  gpus: number,
  tech: SiteStep['cooling_technology'],
  pue: number,
): SiteStep {
  const it_mw = gpus * 1.2e-3 * 1.82; // 1.2 kW mean TDP x 1.82 server overhead (DGX H100, NVIDIA)
  return {
    name,
    region: 'us-south',
    gpus,
    stranded_gpus: 0,
    grid_mw,
    onsite_generation_mw: onsite,
    cooling_technology: tech,
    cooling_capacity_mw: (grid_mw + onsite) / pue,
    rack_kw: tech === 'air' ? 28 : 120,
    it_mw,
    facility_mw: it_mw * pue,
    pue,
    limited_by: 'none',
  };
}

/** A breakdown whose parts sum to total: energy is `share`, the rest split 50/20/10/5/15 (capital, maintenance). */
function breakdown(total_usd: number, energy_share: number, it_mw: number): CostBreakdown {
  const rest = total_usd * (1 - energy_share);
  return {
    accelerators_usd: rest * 0.5,
    servers_usd: rest * 0.2,
    network_usd: rest * 0.1,
    facility_usd: rest * 0.05,
    maintenance_usd: rest * 0.15,
    energy_usd: total_usd * energy_share,
    total_usd,
    energy_share,
    it_mw,
    facility_mw: it_mw * 1.3,
    energy_mwh: it_mw * 1.3 * 2400,
  };
}

/** Run cost 2e8 USD x 2^dt, energy share 5% + 1 point per year; the fleet's year 2.3e9 USD at 7%. */
export function fixtureCost(dt: number, target_flop: number, target_effective_flop: number, gpus: number): StepCost {
  const total = 2e8 * 2 ** dt;
  return {
    run: {
      ...breakdown(total, 0.05 + 0.01 * dt, 50),
      gpus: 40000,
      days: 100,
      accelerator_price_usd: 26667,
      energy_price_usd_per_mwh: 66,
      usd_per_effective_flop: total / target_effective_flop,
      usd_per_flop: total / target_flop,
    },
    fleet_per_year: { ...breakdown(2.3e9, 0.07, 190), gpus },
  };
}

function step(year: number, curves: Curve, grid_mw: number, gpusWanted: number): StepResult {
  const dt = year - 2025;
  // GPUs beyond what the grid + 150 MW on-site can feed at PUE 1.58 are not installed (power-limited fleet).
  const gpus = Math.min(gpusWanted, Math.floor(((grid_mw + 150) * 0.95) / (1.2e-3 * 1.82 * 1.58)));
  const target_flop = 1.5e26 * 4 ** dt;
  const walls = Object.fromEntries(
    WALLS.map((w) => {
      const headroom = curves[w][0] * curves[w][1] ** dt;
      return [w, { permitted_flop: headroom * target_flop, headroom, limited_by: LIMITED_BY[w], detail: {} }];
    }),
  ) as StepResult['walls'];
  const binding = WALLS.reduce((a, b) => (walls[b].headroom < walls[a].headroom ? b : a));
  const achievable = walls[binding].permitted_flop * COUPLING;
  const pue = 1.3;
  const sites = [
    site('campus-a', year, grid_mw * 0.6, 150, Math.round(gpus * 0.6), 'direct_liquid', pue),
    site('campus-b', year, grid_mw * 0.4, 0, Math.round(gpus * 0.4), 'air', 1.58),
  ];
  const it_mw = sites.reduce((a, s) => a + s.it_mw, 0);
  const facility_mw = sites.reduce((a, s) => a + s.facility_mw, 0);
  const target_effective_flop = 1.5e26 * 11.3 ** dt;
  return {
    year,
    training_days: Math.min(365, 100 * 1.15 ** dt),
    target_flop,
    walls,
    achievable: {
      flop: achievable,
      headroom: achievable / target_flop,
      single_site_flop: achievable * 0.8,
      sites_used: 2,
      gpus: Math.round(gpus * 0.4),
      binding,
      limited_by: LIMITED_BY[binding],
      active: [{ wall: binding, limited_by: LIMITED_BY[binding], elasticity: 1 }],
      elasticity: { accelerators: 0, hbm_bandwidth: 0, power: 0, cooling: 0, rack_density: 0, network: 0, data: 0 },
    },
    algorithms: {
      assumed_gain: 2.83 ** dt,
      achieved_gain: 2.83 ** dt,
      effective_target_flop: target_effective_flop,
      effective_flop: achievable * 2.83 ** dt,
      shortfall_ratio: 1,
    },
    sites,
    cost: fixtureCost(dt, target_flop, target_effective_flop, gpus),
    quantities: {
      gpus_installed: gpus,
      gpus_running: gpus,
      gpus_for_run: Math.round(gpus * 0.4),
      gpus_by_generation: { H100: 100000, H200: 50000, B200: Math.max(0, gpus - 150000) },
      run_share: 0.67,
      precision: 'bf16',
      peak_flop_per_s: gpus * 0.4 * 2.25e15,
      effective_flop_per_s: gpus * 0.4 * 2.25e15 * 0.4,
      mfu: 0.4,
      roofline_fraction: 1,
      arithmetic_intensity_flop_per_byte: 420,
      exposed_comm_fraction: 0.08,
      comm_time_per_step_s: 0.9,
      network_method: 'closed_form',
      critical_batch_tokens: 1.6e7,
      optimizer_steps: 120000,
      step_floor_s: 0.03,
      latency_floor_s: 0.002,
      it_mw,
      facility_mw,
      heat_mw: it_mw,
      pue,
      available_power_mw: grid_mw + 150,
      cooling_capacity_mw: (grid_mw + 150) / pue,
      run_it_mw_needed: (it_mw * 0.4 * 4 ** dt) / 2.6 ** dt,
      run_facility_mw_needed: (facility_mw * 0.4 * 4 ** dt) / 2.6 ** dt,
      hbm_tb_installed: gpus * 0.12,
      supply_gpus: gpus * 1.5,
      hbm_supply_gpus: gpus * 1.2,
      params_total: 6.7e11 * 2 ** dt,
      params_active: 3.7e10 * 2 ** dt,
      tokens_needed: 1.5e13 * 2 ** dt,
      tokens_available: 1.2e15,
    },
  };
}

function crossings(steps: StepResult[]): WallCrossing[] {
  const out: WallCrossing[] = [];
  for (const w of WALLS) {
    const s = steps.find((x) => x.walls[w].headroom < 1);
    if (s) out.push({ wall: w, year: s.year, headroom: s.walls[w].headroom });
  }
  return out.sort((a, b) => a.year - b.year || WALLS.indexOf(a.wall) - WALLS.indexOf(b.wall));
}

const BASE_BUILDOUTS: Buildout[] = [
  {
    id: 1,
    kind: 'grid_connection',
    site: 'campus-a',
    amount: 500,
    unit: 'MW',
    item: null,
    ordered_at: 2025.25,
    lands_at: 2030.1,
    landed: true,
    origin: 'planner',
  },
  {
    id: 2,
    kind: 'onsite_generation',
    site: 'campus-a',
    amount: 350,
    unit: 'MW',
    item: null,
    ordered_at: 2025.5,
    lands_at: 2028.4,
    landed: true,
    origin: 'planner',
  },
  {
    id: 3,
    kind: 'cooling_retrofit',
    site: 'campus-b',
    amount: 1,
    unit: 'retrofit',
    item: 'direct_liquid',
    ordered_at: 2026,
    lands_at: 2027.6,
    landed: true,
    origin: 'planner',
  },
  {
    id: 4,
    kind: 'gpu_delivery',
    site: 'campus-a',
    amount: 200000,
    unit: 'GPUs',
    item: 'B200',
    ordered_at: 2025,
    lands_at: 2025.5,
    landed: true,
    origin: 'planner',
  },
  {
    id: 5,
    kind: 'grid_connection',
    site: 'campus-b',
    amount: 1000,
    unit: 'MW',
    item: null,
    ordered_at: 2033.75,
    lands_at: 2041.2,
    landed: false,
    origin: 'planner',
  },
];
const BASE_EVENTS: EventRecord[] = [
  { at: 2027.5, kind: 'supply_disruption', site: null, label: 'HBM shortage', effect: 'HBM supply -30% for 1 year' },
  { at: 2029, kind: 'grid_connection', site: 'campus-b', label: 'Abilene phase 2', effect: 'grid +500 MW at campus-b' },
];

export interface FixtureOptions {
  name: string;
  curves: Curve;
  grid0_mw: number;
  gpus0: number;
  gpuGrowth: number;
}

export function makeResult(o: FixtureOptions): RunResult {
  const steps: StepResult[] = [];
  for (let y = 2025; y <= 2040; y++) {
    const grid = o.grid0_mw + (y >= 2030 ? 500 : 0) + (y >= 2029 ? 500 : 0);
    steps.push(step(y, o.curves, grid, Math.round(o.gpus0 * o.gpuGrowth ** (y - 2025))));
  }
  const cross = crossings(steps);
  const first = steps.find((s) => s.achievable.headroom < 1);
  const least = steps
    .map((s) => ({ wall: s.achievable.binding, year: s.year, headroom: s.achievable.headroom }))
    .reduce((a, b) => (b.headroom < a.headroom ? b : a));
  return {
    firstwall_version: '0.2.0',
    scenario: {
      name: o.name,
      description: `${o.name} fixture (hand-built numbers)`,
      file: `scenarios/${o.name}.yaml`,
      hash: 'ab'.repeat(32),
      seed: 2025,
    },
    horizon: { start_year: 2025, end_year: 2040, step_years: 1 },
    workload: { source: 'analytic', calibration_file: null, network: 'closed_form' },
    steps,
    first_wall: first
      ? {
          wall: first.achievable.binding,
          year: first.year,
          headroom: first.achievable.headroom,
          limited_by: first.achievable.limited_by,
          also_active: [],
        }
      : null,
    crossings: cross,
    nearest: least,
    growth: { target_per_year: 4, achieved_per_year: 2.5 },
    algorithmic_shortfall: null,
    buildouts: BASE_BUILDOUTS,
    purchases: [],
    events: BASE_EVENTS,
  };
}

export const baseline = (): RunResult =>
  makeResult({ name: 'baseline-2025', curves: BASELINE_CURVES, grid0_mw: 390, gpus0: 150000, gpuGrowth: 1.65 });
export const buildout = (): RunResult =>
  makeResult({ name: 'buildout-2030', curves: BUILDOUT_CURVES, grid0_mw: 1200, gpus0: 400000, gpuGrowth: 1.65 });

/** buildout() over 2030-2040 only: a horizon that starts 5 years after baseline()'s, as
 * buildout-2030.yaml's does after baseline-2025.yaml's (the compare-facet regression). */
export function laterStart(): RunResult {
  const r = buildout();
  r.steps = r.steps.filter((s) => s.year >= 2030);
  r.horizon = { ...r.horizon, start_year: 2030 };
  return r;
}

/** A run in which no wall binds within the horizon (every headroom stays >= 1). */
export function noWall(): RunResult {
  const flat = Object.fromEntries(WALLS.map((w, i) => [w, [2 + i, 1]])) as Curve;
  // the least wall's 2 x 0.9 = 1.8 keeps the achievable run above the target
  return makeResult({ name: 'no-wall', curves: flat, grid0_mw: 390, gpus0: 150000, gpuGrowth: 1.2 });
}

/** H100/B200/Rubin from scenarios/baseline-2025.yaml (NVIDIA datasheets, GTC 2025) and three batch points. */
export const ROOFLINE: RooflineInput = {
  accelerators: [
    { name: 'H100', peak_flop_per_s: 989e12, hbm_bytes_per_s: 3.35e12 },
    { name: 'B200', peak_flop_per_s: 2250e12, hbm_bytes_per_s: 7.7e12 },
    { name: 'Rubin', peak_flop_per_s: 8350e12, hbm_bytes_per_s: 13e12 },
  ],
  points: [
    { batch_tokens: 512, arithmetic_intensity: 48, label: 'batch 512' },
    { batch_tokens: 4096, arithmetic_intensity: 310, label: 'batch 4k' },
    { batch_tokens: 16384, arithmetic_intensity: 905, label: 'batch 16k' },
  ],
};

/** 16 experts, one hot (expert 5 gets 2.1x the mean of 1,024 tokens): imbalance = max / mean. */
export const ROUTER: RouterLoadInput = {
  experts: [980, 1010, 870, 1120, 940, 2150, 760, 1005, 990, 860, 1130, 930, 720, 1080, 845, 994].map(
    (tokens, expert) => ({ expert, tokens }),
  ),
  imbalance: 2150 / 1024,
  mechanism: 'top-2 with capacity factor 1.25',
};
