// Normalizes a validated scenario into fully specified model parameters. Every default lives in
// schemas/scenario.schema.json (each with its source) and was applied when the scenario loaded, so
// the scenario here is complete; this converts units once, derives the defaults that depend on
// other fields (a site's maximum grid is its grid; a new campus takes the first site's cooling,
// price and region) and computes per-accelerator figures (rack kW, IT W). Pure; invariant: no
// undefined.
import { interned } from './interned.ts';
import { mapPacked } from './packed-map.ts';
import { familyOf, type FamilyName, type ModelFamily } from '../scenario/families.ts';
import type { CoolingTechnology, ResolvedScenario } from '../scenario/resolved.gen.ts';

export type Precision = 'bf16' | 'fp8' | 'fp4';

export interface AcceleratorSpec {
  name: string;
  first_year: number;
  /** Dense BF16 peak (the default precision). */
  peak_flop_per_s: number;
  /** Dense peak per precision; a precision the chip lacks falls back to the next wider one. */
  peak_by_precision: Record<Precision, number>;
  hbm_bytes: number;
  hbm_bytes_per_s: number;
  tdp_w: number;
  scale_up_bytes_per_s: number;
  scale_out_bytes_per_s: number;
  scale_up_domain_gpus: number;
  gpus_per_rack: number;
  /** Published rack IT power (kW), or null to derive it from TDP and overhead. */
  rack_kw: number | null;
  price_usd: number | null;
}

export interface LeadTimeSpec {
  median_years: number;
  p90_years: number;
}

export interface SiteSpec {
  name: string;
  region: string;
  grid_mw: number;
  max_grid_mw: number;
  onsite_generation_mw: number;
  max_onsite_generation_mw: number;
  cooling_technology: CoolingTechnology;
  /** Heat removal (MW of IT load); null: sized to the IT load of the accelerators installed at the start. */
  cooling_capacity_mw: number | null;
  distance_km: number;
  energy_price_usd_per_mwh: number | null;
  installed: { accelerator: string; count: number }[];
}

export type CriticalBatchLaw = 'kaplan_chinchilla' | 'deepseek_llm' | 'fixed';

/** What a campus the planner acquires looks like. */
export interface NewSiteSpec {
  max_sites: number;
  first_grid_mw: number;
  max_grid_mw: number;
  cooling_technology: CoolingTechnology;
  distance_km: number;
  energy_price_usd_per_mwh: number | null;
  region: string;
}

/** How an MoE family's routing reaches the walls (scenario /moe over the family's catalog entry over the schema's defaults). */
export type MoeParams = ResolvedScenario['moe'];

export interface Params {
  name: string;
  /** The catalog by accelerator name (built once; the hot paths look accelerators up often). */
  hardware_by_name: ReadonlyMap<string, AcceleratorSpec>;
  seed: number;
  horizon: { start_year: number; end_year: number; step_years: number };
  demand: {
    frontier_run_flop: number;
    growth_per_year: number;
    assumed_halving_years: number;
    training_days: number;
    training_days_growth_per_year: number;
    max_training_days: number;
  };
  model: ResolvedScenario['model'];
  /** The catalog family the scenario names (null: an inline shape). */
  family: { name: FamilyName; entry: ModelFamily } | null;
  moe: MoeParams;
  hardware: AcceleratorSpec[];
  sites: SiteSpec[];
  compute: Omit<ResolvedScenario['compute'], 'precision_schedule' | 'mfu'> & {
    /** The scenario's stated MFU, or null: the step model derives it every step (src/datacenter/step-plan.ts). */
    mfu: number | null;
    /** Precision changes over time, sorted by year (the run uses the last one at or before t), each
     * with the MFU it reaches relative to that precision's peak (absent: compute.mfu). */
    precision_schedule: { from_year: number; precision: Precision; mfu?: number }[];
  };
  memory: ResolvedScenario['memory'];
  network: ResolvedScenario['network'];
  power: ResolvedScenario['power'];
  cooling: {
    technologies: Record<CoolingTechnology, { max_kw_per_rack: number; pue: number }>;
    retrofit_to: CoolingTechnology;
  };
  data: ResolvedScenario['data'];
  algorithms: { halving_years: number; halving_slowdown_per_year: number; max_gain: number };
  planner: {
    lookahead_years: number;
    review_every_years: number;
    lead_times: Record<keyof ResolvedScenario['planner']['lead_times'], LeadTimeSpec>;
    new_sites: NewSiteSpec;
    /** Most new campuses per region (regions absent here are capped only by new_sites.max_sites). */
    region_caps: Record<string, number>;
    /** Regions whose grid power per year is bounded by a fleet region's buildout (share of it). */
    region_grid: Record<string, { fleet_region: string; share: number }>;
    grid_queue: { study_slots: number; study_years: LeadTimeSpec } | null;
  };
  events: ResolvedScenario['events'];
}

function accelerator(h: ResolvedScenario['hardware'][number]): AcceleratorSpec {
  const bf16 = h.bf16_tflops * 1e12;
  const fp8 = h.fp8_tflops !== undefined ? h.fp8_tflops * 1e12 : bf16;
  const fp4 = h.fp4_tflops !== undefined ? h.fp4_tflops * 1e12 : fp8;
  return {
    name: interned(h.name),
    first_year: h.first_year,
    peak_flop_per_s: bf16,
    peak_by_precision: { bf16, fp8, fp4 },
    hbm_bytes: h.hbm_gb * 1e9,
    hbm_bytes_per_s: h.hbm_tb_per_s * 1e12,
    tdp_w: h.tdp_w,
    scale_up_bytes_per_s: h.scale_up_gb_per_s * 1e9,
    scale_out_bytes_per_s: (h.scale_out_gbit_per_s * 1e9) / 8,
    scale_up_domain_gpus: h.scale_up_domain_gpus,
    gpus_per_rack: h.gpus_per_rack,
    rack_kw: h.rack_kw ?? null,
    price_usd: h.price_usd ?? null,
  };
}

function site(s: ResolvedScenario['sites'][number]): SiteSpec {
  // names interned (./interned.ts): compared and looked up in every run's hot loops
  return {
    name: interned(s.name),
    region: interned(s.region),
    grid_mw: s.grid_mw,
    max_grid_mw: s.max_grid_mw ?? s.grid_mw,
    onsite_generation_mw: s.onsite_generation_mw,
    max_onsite_generation_mw: s.max_onsite_generation_mw ?? s.onsite_generation_mw,
    cooling_technology: interned(s.cooling.technology),
    cooling_capacity_mw: s.cooling.capacity_mw ?? null,
    distance_km: s.distance_km,
    energy_price_usd_per_mwh: s.energy_price_usd_per_mwh ?? null,
    installed: mapPacked(s.installed, (i) => ({ ...i, accelerator: interned(i.accelerator) })),
  };
}

function planner(s: ResolvedScenario): Params['planner'] {
  const pl = s.planner;
  const first = s.sites[0];
  const n = pl.new_sites;
  return {
    lookahead_years: pl.lookahead_years,
    review_every_years: pl.review_every_years,
    lead_times: { ...pl.lead_times },
    new_sites: {
      max_sites: n.max_sites,
      first_grid_mw: n.first_grid_mw,
      max_grid_mw: Math.max(n.first_grid_mw, n.max_grid_mw),
      cooling_technology: interned(n.cooling_technology ?? first.cooling.technology),
      distance_km: n.distance_km,
      energy_price_usd_per_mwh: n.energy_price_usd_per_mwh ?? first.energy_price_usd_per_mwh ?? null,
      region: interned(n.region ?? first.region),
    },
    region_caps: Object.fromEntries((pl.regions ?? []).map((r) => [r.name, r.max_new_sites])),
    region_grid: Object.fromEntries(
      (pl.regions ?? []).flatMap((r) =>
        r.fleet_region !== undefined && r.grid_share !== undefined
          ? [[r.name, { fleet_region: r.fleet_region, share: r.grid_share }]]
          : [],
      ),
    ),
    grid_queue: pl.grid_queue ?? null,
  };
}

export function normalize(s: ResolvedScenario): Params {
  // packed in every tier (./packed-map.ts): the model's hot loops read these arrays every run
  const hardware = mapPacked(s.hardware, accelerator).sort((a, b) => a.first_year - b.first_year);
  const a = s.algorithms;
  return {
    name: s.name,
    hardware_by_name: new Map(hardware.map((h) => [h.name, h])),
    seed: s.seed,
    horizon: { start_year: s.horizon.start_year, end_year: s.horizon.end_year, step_years: s.horizon.step_years },
    demand: {
      frontier_run_flop: s.demand.frontier_run_flop,
      growth_per_year: s.demand.growth_per_year,
      // absent: the plan assumes what algorithms deliver (so no shortfall can appear)
      assumed_halving_years: s.demand.assumed_halving_years ?? a.halving_years,
      training_days: s.demand.training_days,
      training_days_growth_per_year: s.demand.training_days_growth_per_year,
      max_training_days: s.demand.max_training_days,
    },
    model: { ...s.model },
    family: s.model.family !== undefined ? { name: s.model.family, entry: familyOf(s.model.family)! } : null,
    moe: { ...s.moe },
    hardware,
    sites: mapPacked(s.sites, site),
    // Object.assign, not a spread with fields after it: on Node 20 (V8 11.3) a spread's copy has a
    // map outside the transition tree, so each field added after it makes a new map every run and
    // every reader of p.compute turns polymorphic (docs/benchmarks.md, "Maps that do not repeat")
    compute: Object.assign({}, s.compute, {
      mfu: s.compute.mfu ?? null,
      precision_schedule: [...(s.compute.precision_schedule ?? [])].sort((x, y) => x.from_year - y.from_year),
    }),
    memory: { ...s.memory },
    network: { ...s.network },
    power: { ...s.power },
    cooling: {
      technologies: {
        air: { ...s.cooling.technologies.air },
        rear_door: { ...s.cooling.technologies.rear_door },
        direct_liquid: { ...s.cooling.technologies.direct_liquid },
        immersion: { ...s.cooling.technologies.immersion },
      },
      retrofit_to: interned(s.cooling.retrofit_to),
    },
    data: { ...s.data },
    algorithms: {
      halving_years: a.halving_years,
      halving_slowdown_per_year: a.halving_slowdown_per_year,
      // absent: no ceiling
      max_gain: a.max_gain ?? Number.MAX_VALUE,
    },
    planner: planner(s),
    events: s.events,
  };
}

/** IT watts one accelerator draws in service (GPU at its training draw plus host/network overhead). */
export function itWattsPerGpu(a: AcceleratorSpec, p: Params): number {
  if (a.rack_kw !== null) return ((a.rack_kw * 1000) / a.gpus_per_rack) * p.power.utilization_of_tdp;
  return a.tdp_w * p.power.utilization_of_tdp * p.power.it_overhead;
}

/** Rack power (kW of IT load) for an accelerator generation. */
export function rackKw(a: AcceleratorSpec, p: Params): number {
  return (a.gpus_per_rack * itWattsPerGpu(a, p)) / 1000;
}

/** The training precision at time t (the schedule's last entry at or before t, else the default). */
export function precisionAt(p: Params, t: number): Precision {
  let out = p.compute.training_precision;
  for (const e of p.compute.precision_schedule) if (e.from_year <= t + 1e-9) out = e.precision;
  return out;
}

/** MFU relative to the precision in use at time t as the scenario states it (the schedule's
 * entry's, else compute.mfu), or null where it states none: the step model derives it. */
export function mfuAt(p: Params, t: number): number | null {
  let out = p.compute.mfu;
  for (const e of p.compute.precision_schedule) if (e.from_year <= t + 1e-9) out = e.mfu ?? p.compute.mfu;
  return out;
}

/** Peak FLOP/s of one accelerator at a precision. */
export function peakAt(a: AcceleratorSpec, precision: Precision): number {
  return a.peak_by_precision[precision];
}

/** The newest accelerator generation available at time t, or null before the first one ships. */
export function availableAccelerator(p: Params, t: number): AcceleratorSpec | null {
  let best: AcceleratorSpec | null = null;
  for (const a of p.hardware) if (a.first_year <= t + 1e-9) best = a;
  return best;
}

/** The newest accelerator generation available at time t (the first one if none yet: a reference
 * for per-GPU figures when the fleet is empty, never something to buy). */
export function newestAccelerator(p: Params, t: number): AcceleratorSpec {
  let best = p.hardware[0];
  for (const a of p.hardware) if (a.first_year <= t + 1e-9) best = a;
  return best;
}
