// The fleet of a whole `fleet:` section: one region's series, or the world's (the sum of its
// regions) with each region's series. Also the grid budget per region and year: the API through
// which a region's grid buildout can bound how fast the planner acquires sites there (issue 19,
// item 5). Pure; invariant: every world total is the sum of the regions' (counts, MW, TWh), and
// world shares are ratios of those sums.
import type { FleetRegionSeries, FleetResult, FleetYear } from '../result/fleet-types.ts';
import { fleetSeries, fleetYear } from './electricity.ts';
import type { FleetSpec } from './params.ts';

const SUMMED = [
  'deliveries',
  'retirements',
  'installed',
  'training_gpus',
  'inference_gpus',
  'it_mw',
  'facility_mw',
  'ai_twh',
  'non_ai_twh',
  'total_dc_twh',
  'region_twh',
] as const;
const OPTIONAL_SUMMED = [
  'ai_demand_twh',
  'unserved_twh',
  'unpowered',
  'grid_capacity_mw',
  'grid_buildout_mw',
  'grid_headroom_mw',
] as const;

/** One year of several regions as one: sums, and shares and PUE as ratios of the sums. */
export function sumYears(rows: FleetYear[]): FleetYear {
  const out = { year: rows[0].year, installed_by_generation: {} } as FleetYear;
  for (const k of SUMMED) out[k] = rows.reduce((a, r) => a + r[k], 0);
  for (const k of OPTIONAL_SUMMED) {
    // a grid figure for the world only when every region has one
    if (rows.every((r) => r[k] !== undefined)) out[k] = rows.reduce((a, r) => a + r[k]!, 0);
  }
  for (const r of rows) {
    for (const [g, n] of Object.entries(r.installed_by_generation)) {
      out.installed_by_generation[g] = (out.installed_by_generation[g] ?? 0) + n;
    }
  }
  out.inference_share = out.installed > 0 ? out.inference_gpus / out.installed : rows[0].inference_share;
  out.pue = out.it_mw > 0 ? out.facility_mw / out.it_mw : rows[0].pue;
  out.ai_share = out.ai_twh / out.region_twh;
  out.total_dc_share = out.total_dc_twh / out.region_twh;
  return out;
}

/** The section's fleet in year y: the one region, or the world's sum. */
export function specYear(spec: FleetSpec, y: number): FleetYear {
  const rows = spec.regions.map((r) => fleetYear(r, y));
  return spec.world ? sumYears(rows) : rows[0];
}

/** The run's fleet result: the one region as in issue 8, or the world and its regions. */
export function fleetResult(spec: FleetSpec): FleetResult {
  if (!spec.world) {
    const one = spec.regions[0];
    return { region: spec.name, anchor_year: one.non_ai.anchor_year, years: fleetSeries(one) };
  }
  const regions: FleetRegionSeries[] = spec.regions.map((r) => ({
    region: r.region,
    anchor_year: r.non_ai.anchor_year,
    years: fleetSeries(r),
  }));
  const years = regions[0].years.map((_, i) => sumYears(regions.map((r) => r.years[i])));
  return { region: spec.name, years, regions };
}

export interface GridBudget {
  region: string;
  year: number;
  /** Interconnection capacity for data centres in the year (MW). */
  capacity_mw: number;
  /** New capacity energised in the year (MW): the most new site power the region's grid adds. */
  buildout_mw: number;
  /** Capacity the year's data-centre load takes (average load / utilization, MW). */
  used_mw: number;
  /** Capacity left for new sites (MW, >= 0). */
  headroom_mw: number;
}

/**
 * The grid budget of `region` in year y, or null when the region has no grid bound or y is before
 * its base year. The planner can cap the grid power it acquires in the region in year y at
 * `buildout_mw` (its share of the new capacity) or `headroom_mw` (what is left of it).
 */
export function regionGridBudget(spec: FleetSpec, region: string, y: number): GridBudget | null {
  const f = spec.regions.find((r) => r.region === region);
  if (!f || !f.grid) return null;
  const row = fleetYear(f, y);
  if (row.grid_capacity_mw === undefined) return null;
  const headroom = row.grid_headroom_mw ?? 0;
  return {
    region,
    year: y,
    capacity_mw: row.grid_capacity_mw,
    buildout_mw: row.grid_buildout_mw ?? 0,
    used_mw: row.grid_capacity_mw - headroom,
    headroom_mw: headroom,
  };
}
