// Normalized fleet parameters: the scenario's `fleet:` section over the sourced defaults
// (defaults.ts, regions.ts). One region (the fields at the top of `fleet:`), or a world of regions
// (`fleet.regions`) sharing the worldwide shipments and the fleet-wide settings. Shipments the
// scenario lists replace the default series; each product line is projected after its last
// listed year. Invariant: every region's shares are in [0, 1] and, in a world, sum to at most 1
// in every year (else InputError).
import { InputError } from '../io/errors.ts';
import type { FirstwallScenario, FleetGrid, FleetRegion } from '../scenario/types.gen.ts';
import { FLEET_DEFAULTS, WORLD_SHIPMENTS, type Shipment } from './defaults.ts';
import { REGION_DEFAULTS, shareAt, type RegionInputs, type SharePoint } from './regions.ts';

type FleetInput = NonNullable<FirstwallScenario['fleet']>;

export interface GridParams {
  year: number;
  /** Null: the modelled data-centre load in `year` / utilization. */
  capacity_gw: number | null;
  buildout_gw_per_year: number;
  buildout_growth_per_year: number;
  utilization: number;
}

/** One region's fleet: the worldwide shipments, the region's share of them, and its inputs. */
export interface FleetParams {
  region: string;
  from_year: number;
  to_year: number;
  shipments: Shipment[];
  units_growth_per_year: number;
  board_w_growth_per_year: number;
  accelerator_share: SharePoint[];
  life_years: number;
  server_overhead: number;
  training_draw_of_tdp: number;
  inference_draw_of_tdp: number;
  inference_share: number;
  inference_share_year: number;
  inference_share_growth_per_year: number;
  max_inference_share: number;
  pue: number;
  pue_year: number;
  pue_change_per_year: number;
  non_ai: { anchor_year: number; anchor_total_dc_twh: number; growth_per_year: number };
  region_demand: { year: number; twh: number; growth_per_year: number };
  grid: GridParams | null;
}

/** The whole `fleet:` section: one region, or the regions of a world (world = true). */
export interface FleetSpec {
  name: string;
  world: boolean;
  from_year: number;
  to_year: number;
  regions: FleetParams[];
}

const knownDefaults = (name: string): RegionInputs | undefined =>
  (REGION_DEFAULTS as Record<string, RegionInputs | undefined>)[name];

function gridOf(g: FleetGrid | undefined, d: RegionInputs['grid'] | undefined): GridParams | null {
  if (!g) return d ? { ...d } : null;
  return {
    year: g.year,
    capacity_gw: g.capacity_gw ?? null,
    buildout_gw_per_year: g.buildout_gw_per_year,
    buildout_growth_per_year: g.buildout_growth_per_year ?? 1,
    utilization: g.utilization ?? d?.utilization ?? 0.5,
  };
}

type RegionFields = Pick<FleetRegion, 'region_share' | 'accelerator_share' | 'pue' | 'pue_year'> &
  Pick<FleetRegion, 'pue_change_per_year' | 'non_ai' | 'region_demand' | 'grid'>;

/** The regional part of FleetParams: given fields over the region's defaults. */
function regionalPart(given: RegionFields, d: RegionInputs | undefined, name: string) {
  const problems: string[] = [];
  const share: SharePoint[] | undefined = given.accelerator_share
    ? given.accelerator_share.map((p) => ({ year: p.year, share: p.share }))
    : given.region_share !== undefined
      ? [{ year: 2000, share: given.region_share }]
      : d?.accelerator_share.map((p) => ({ ...p }));
  if (!share) problems.push(`fleet region "${name}": give accelerator_share or region_share (no defaults for it)`);
  if (!given.non_ai && !d) problems.push(`fleet region "${name}": give non_ai (no defaults for it)`);
  if (!given.region_demand && !d) problems.push(`fleet region "${name}": give region_demand (no defaults for it)`);
  if (problems.length) throw new InputError(problems);
  const nonAi = { growth_per_year: 1.09, ...d?.non_ai, ...given.non_ai } as FleetParams['non_ai'];
  const demand = { growth_per_year: 1, ...d?.region_demand, ...given.region_demand } as FleetParams['region_demand'];
  const pue = given.pue ?? d!.pue;
  return {
    accelerator_share: share!,
    pue,
    // a pue given without its year applies at the non-AI anchor year (the issue-8 meaning)
    pue_year: given.pue_year ?? (given.pue !== undefined || !d ? nonAi.anchor_year : d.pue_year),
    pue_change_per_year: given.pue_change_per_year ?? d?.pue_change_per_year ?? 1,
    non_ai: nonAi,
    region_demand: demand,
    grid: gridOf(given.grid, d?.grid),
  };
}

function sharedPart(given: FleetInput, horizon: { start_year: number; end_year: number }) {
  const d = FLEET_DEFAULTS;
  const listed = given.shipments?.map((s) => ({
    year: s.year,
    units: s.units,
    board_w: s.board_w ?? boardWAt(WORLD_SHIPMENTS, s.year),
    generation: s.generation ?? `shipped ${s.year}`,
    line: s.line ?? 'listed',
  }));
  return {
    from_year: given.from_year ?? horizon.start_year,
    to_year: given.to_year ?? horizon.end_year,
    shipments: [...(listed ?? WORLD_SHIPMENTS)].sort((a, b) => a.year - b.year),
    units_growth_per_year: given.units_growth_per_year ?? d.units_growth_per_year,
    board_w_growth_per_year: given.board_w_growth_per_year ?? d.board_w_growth_per_year,
    life_years: given.life_years ?? d.life_years,
    server_overhead: given.server_overhead ?? d.server_overhead,
    training_draw_of_tdp: given.training_draw_of_tdp ?? d.training_draw_of_tdp,
    inference_draw_of_tdp: given.inference_draw_of_tdp ?? d.inference_draw_of_tdp,
    inference_share: given.inference_share ?? d.inference_share,
    inference_share_year: given.inference_share_year ?? d.inference_share_year,
    inference_share_growth_per_year: given.inference_share_growth_per_year ?? d.inference_share_growth_per_year,
    max_inference_share: given.max_inference_share ?? d.max_inference_share,
  };
}

/** One region from the fields at the top of `fleet:` (the issue-8 format). */
export function normalizeFleet(given: FleetInput, horizon: { start_year: number; end_year: number }): FleetParams {
  const region = given.region ?? FLEET_DEFAULTS.region;
  const d = knownDefaults(region) ?? REGION_DEFAULTS.US;
  return { region, ...sharedPart(given, horizon), ...regionalPart(given, d, region) };
}

/** The whole section: one region, or a world of `fleet.regions` (checked: names, share sums). */
export function normalizeFleetSpec(given: FleetInput, horizon: { start_year: number; end_year: number }): FleetSpec {
  if (!given.regions) {
    const one = normalizeFleet(given, horizon);
    return { name: one.region, world: false, from_year: one.from_year, to_year: one.to_year, regions: [one] };
  }
  const shared = sharedPart(given, horizon);
  const regions = given.regions.map((r) => ({
    region: r.name,
    ...shared,
    ...regionalPart(r, knownDefaults(r.name), r.name),
  }));
  const problems = worldProblems(regions);
  if (problems.length) throw new InputError(problems);
  return { name: given.region ?? 'World', world: true, from_year: shared.from_year, to_year: shared.to_year, regions };
}

/** Duplicate region names, and years where the regions' shares of shipments sum above 1. */
export function worldProblems(regions: FleetParams[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of regions) {
    if (seen.has(r.region)) out.push(`fleet.regions: region "${r.region}" is listed twice`);
    seen.add(r.region);
  }
  const years = new Set<number>(regions.flatMap((r) => r.accelerator_share.map((p) => p.year)));
  for (const y of [...years].sort((a, b) => a - b)) {
    const sum = regions.reduce((a, r) => a + shareAt(r.accelerator_share, y), 0);
    if (sum > 1 + 1e-9) {
      out.push(`fleet.regions: the regions' accelerator shares sum to ${sum.toFixed(3)} in ${y} (at most 1)`);
    }
  }
  return out;
}

/** Board power of the shipments listed for the latest year <= y (the first year's before it). */
function boardWAt(list: Shipment[], y: number): number {
  let w = list[0].board_w;
  for (const s of list) if (s.year <= y) w = s.board_w;
  return w;
}
