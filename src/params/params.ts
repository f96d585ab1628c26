// Normalizes a validated scenario into fully specified model parameters: every optional field is
// filled from DEFAULTS (src/model/defaults.ts, each sourced), units are converted once here, and
// derived per-accelerator figures (rack kW, IT W) are computed. Pure; invariant: no undefined.
import { familyOf, type FamilyName, type ModelFamily } from '../scenario/families.ts';
import type { CoolingTechnology, FirstwallScenario } from '../scenario/types.gen.ts';
import { DEFAULTS } from './defaults.ts';

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

/** How an MoE family's routing reaches the walls (scenario /moe over the family's catalog entry over DEFAULTS.moe). */
export interface MoeParams {
  learned_skew: 'sourced' | 'measured' | number;
  capacity_factor: number;
  overflow: 'reroute' | 'drop';
  ep_devices: number;
  /** 0: no node limit. */
  node_limit: number;
  dispatch_bytes_per_element: number;
  combine_bytes_per_element: number;
  shared_placement: 'local' | 'routed';
  balancing: 'loss_free' | 'aux_loss';
}

type Filled<T> = { -readonly [K in keyof T]: T[K] extends object ? Filled<T[K]> : number };

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
  model: Omit<Filled<typeof DEFAULTS.model>, 'critical_batch_law'> & { critical_batch_law: CriticalBatchLaw };
  /** The catalog family the scenario names (null: an inline shape). */
  family: { name: FamilyName; entry: ModelFamily } | null;
  moe: MoeParams;
  hardware: AcceleratorSpec[];
  sites: SiteSpec[];
  compute: Omit<Filled<typeof DEFAULTS.compute>, 'training_precision'> & {
    /** The scenario's stated MFU, or null: the step model derives it every step (src/datacenter/step-plan.ts). */
    mfu: number | null;
    training_precision: Precision;
    /** Precision changes over time, sorted by year (the run uses the last one at or before t), each
     * with the MFU it reaches relative to that precision's peak (absent: compute.mfu). */
    precision_schedule: { from_year: number; precision: Precision; mfu?: number }[];
  };
  memory: Filled<typeof DEFAULTS.memory>;
  network: Filled<typeof DEFAULTS.network>;
  power: Filled<typeof DEFAULTS.power>;
  cooling: {
    technologies: Record<CoolingTechnology, { max_kw_per_rack: number; pue: number }>;
    retrofit_to: CoolingTechnology;
  };
  data: Omit<Filled<typeof DEFAULTS.data>, 'stock_kind'> & { stock_kind: 'effective' | 'raw' };
  algorithms: Filled<typeof DEFAULTS.algorithms>;
  planner: {
    lookahead_years: number;
    review_every_years: number;
    lead_times: Record<keyof typeof DEFAULTS.planner.lead_times, LeadTimeSpec>;
    new_sites: NewSiteSpec;
    /** Most new campuses per region (regions absent here are capped only by new_sites.max_sites). */
    region_caps: Record<string, number>;
    /** Regions whose grid power per year is bounded by a fleet region's buildout (share of it). */
    region_grid: Record<string, { fleet_region: string; share: number }>;
    grid_queue: { study_slots: number; study_years: LeadTimeSpec } | null;
  };
  events: NonNullable<FirstwallScenario['events']>;
}

function fill<T extends object>(defaults: T, given: object | undefined): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(given ?? {})) {
    if (v === undefined) continue;
    const d = (defaults as Record<string, unknown>)[k];
    out[k] =
      d && typeof d === 'object' && !Array.isArray(d) && typeof v === 'object' ? fill(d as object, v as object) : v;
  }
  return out as T;
}

function accelerator(h: FirstwallScenario['hardware'][number]): AcceleratorSpec {
  const bf16 = h.bf16_tflops * 1e12;
  const fp8 = h.fp8_tflops !== undefined ? h.fp8_tflops * 1e12 : bf16;
  const fp4 = h.fp4_tflops !== undefined ? h.fp4_tflops * 1e12 : fp8;
  return {
    name: h.name,
    first_year: h.first_year,
    peak_flop_per_s: bf16,
    peak_by_precision: { bf16, fp8, fp4 },
    hbm_bytes: h.hbm_gb * 1e9,
    hbm_bytes_per_s: h.hbm_tb_per_s * 1e12,
    tdp_w: h.tdp_w,
    scale_up_bytes_per_s: h.scale_up_gb_per_s * 1e9,
    scale_out_bytes_per_s: (h.scale_out_gbit_per_s * 1e9) / 8,
    scale_up_domain_gpus: h.scale_up_domain_gpus ?? 8,
    gpus_per_rack: h.gpus_per_rack ?? DEFAULTS.gpus_per_rack,
    rack_kw: h.rack_kw ?? null,
    price_usd: h.price_usd ?? null,
  };
}

function site(s: FirstwallScenario['sites'][number]): SiteSpec {
  const onsite = s.onsite_generation_mw ?? 0;
  return {
    name: s.name,
    region: s.region ?? 'default',
    grid_mw: s.grid_mw,
    max_grid_mw: s.max_grid_mw ?? s.grid_mw,
    onsite_generation_mw: onsite,
    max_onsite_generation_mw: s.max_onsite_generation_mw ?? onsite,
    cooling_technology: s.cooling?.technology ?? 'air',
    cooling_capacity_mw: s.cooling?.capacity_mw ?? null,
    distance_km: s.distance_km ?? 0,
    energy_price_usd_per_mwh: s.energy_price_usd_per_mwh ?? null,
    installed: (s.installed ?? []).map((i) => ({ ...i })),
  };
}

function planner(s: FirstwallScenario): Params['planner'] {
  const base = fill(
    {
      lookahead_years: DEFAULTS.planner.lookahead_years,
      review_every_years: DEFAULTS.planner.review_every_years,
      lead_times: DEFAULTS.planner.lead_times,
    },
    {
      lookahead_years: s.planner?.lookahead_years,
      review_every_years: s.planner?.review_every_years,
      lead_times: s.planner?.lead_times,
    },
  ) as Pick<Params['planner'], 'lookahead_years' | 'review_every_years' | 'lead_times'>;
  const first = s.sites[0];
  const n = s.planner?.new_sites ?? {};
  const firstGrid = n.first_grid_mw ?? DEFAULTS.new_site.first_grid_mw;
  return {
    ...base,
    new_sites: {
      max_sites: n.max_sites ?? 0,
      first_grid_mw: firstGrid,
      max_grid_mw: Math.max(firstGrid, n.max_grid_mw ?? DEFAULTS.new_site.max_grid_mw),
      cooling_technology: n.cooling_technology ?? first?.cooling?.technology ?? 'air',
      distance_km: n.distance_km ?? DEFAULTS.new_site.distance_km,
      energy_price_usd_per_mwh: n.energy_price_usd_per_mwh ?? first?.energy_price_usd_per_mwh ?? null,
      region: n.region ?? first?.region ?? 'default',
    },
    region_caps: Object.fromEntries((s.planner?.regions ?? []).map((r) => [r.name, r.max_new_sites])),
    region_grid: Object.fromEntries(
      (s.planner?.regions ?? []).flatMap((r) =>
        r.fleet_region !== undefined && r.grid_share !== undefined
          ? [[r.name, { fleet_region: r.fleet_region, share: r.grid_share }]]
          : [],
      ),
    ),
    grid_queue: s.planner?.grid_queue ?? null,
  };
}

/** The model shape: the family's catalog entry, then the scenario's own fields, then DEFAULTS. */
function model(s: FirstwallScenario): Params['model'] {
  const { family, ...given } = s.model ?? {};
  const f = familyOf(family);
  const batch = f?.batch ? { critical_batch_tokens: f.batch.tokens, critical_batch_law: f.batch.law } : {};
  return fill(DEFAULTS.model, { ...(f?.shape ?? {}), ...batch, ...given }) as Params['model'];
}

function moe(s: FirstwallScenario): MoeParams {
  const r = familyOf(s.model?.family)?.router;
  const fromFamily: Partial<MoeParams> = r
    ? {
        balancing: r.balancing,
        ...(r.ep_devices !== null ? { ep_devices: r.ep_devices } : {}),
        ...(r.node_limit !== null ? { node_limit: r.node_limit } : {}),
        dispatch_bytes_per_element: r.dispatch_bytes_per_element,
        combine_bytes_per_element: r.combine_bytes_per_element,
      }
    : {};
  return { ...DEFAULTS.moe, ...fromFamily, ...(s.moe ?? {}) };
}

/** Data: tokens per active parameter default to the family's published ratio. */
function data(s: FirstwallScenario): Params['data'] {
  const ratio = familyOf(s.model?.family)?.tokens_per_active_param ?? undefined;
  return fill(DEFAULTS.data, { tokens_per_param: ratio, ...(s.data ?? {}) }) as Params['data'];
}

export function normalize(s: FirstwallScenario): Params {
  const algorithms = fill(DEFAULTS.algorithms, s.algorithms) as Params['algorithms'];
  const hardware = s.hardware.map(accelerator).sort((a, b) => a.first_year - b.first_year);
  return {
    name: s.name,
    hardware_by_name: new Map(hardware.map((a) => [a.name, a])),
    seed: s.seed ?? 1,
    horizon: { start_year: s.horizon.start_year, end_year: s.horizon.end_year, step_years: s.horizon.step_years ?? 1 },
    demand: {
      ...fill(DEFAULTS.demand, s.demand),
      frontier_run_flop: s.demand.frontier_run_flop,
      growth_per_year: s.demand.growth_per_year,
      assumed_halving_years: s.demand.assumed_halving_years ?? algorithms.halving_years,
    },
    model: model(s),
    family: s.model?.family !== undefined ? { name: s.model.family, entry: familyOf(s.model.family)! } : null,
    moe: moe(s),
    hardware,
    sites: s.sites.map(site),
    compute: {
      ...(fill(DEFAULTS.compute, s.compute) as Omit<Params['compute'], 'precision_schedule' | 'mfu'>),
      mfu: s.compute?.mfu ?? null,
      precision_schedule: [...(s.compute?.precision_schedule ?? [])].sort((a, b) => a.from_year - b.from_year),
    },
    memory: fill(DEFAULTS.memory, s.memory) as Params['memory'],
    network: fill(DEFAULTS.network, s.network) as Params['network'],
    power: fill(DEFAULTS.power, s.power) as Params['power'],
    cooling: fill(DEFAULTS.cooling, s.cooling) as Params['cooling'],
    data: data(s),
    algorithms,
    planner: planner(s),
    events: s.events ?? [],
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
