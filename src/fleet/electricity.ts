// A region's AI fleet in one year: stock, training/inference split, IT and facility power, TWh,
// and shares of the region's electricity; the non-AI data-centre load (the published total at an
// anchor year minus the modelled AI part there, growing at a stated rate); and the grid bound
// (grid.ts): after the grid's base year the data-centre load cannot exceed what the grid built
// for it carries, and AI load beyond that waits (unserved). Every output keeps AI accelerators'
// electricity (ai_*) apart from all data centres' (total_dc_*).
// Pure; invariants: every field finite and >= 0; ai_twh + non_ai_twh = total_dc_twh;
// ai_twh = facility_mw x hours; ai_twh <= ai_demand_twh.
import { HOURS_PER_YEAR } from '../params/units.ts';
import type { FleetParams } from './params.ts';
import type { FleetYear } from '../result/fleet-types.ts';
import { cohortsIn, deliveries, retirements } from './stock.ts';
import { gridBaseMw, gridBuildoutMw, gridCapacityMw, gridLimitTwh } from './grid.ts';

export function inferenceShareAt(f: FleetParams, y: number): number {
  return Math.min(
    f.max_inference_share,
    f.inference_share * Math.pow(f.inference_share_growth_per_year, y - f.inference_share_year),
  );
}

/** AI accelerators' IT MW (average over the year, all installed) and the stock behind it. */
export function aiLoad(
  f: FleetParams,
  y: number,
): { it_mw: number; installed: number; by_generation: Record<string, number> } {
  const share = inferenceShareAt(f, y);
  const draw = (1 - share) * f.training_draw_of_tdp + share * f.inference_draw_of_tdp;
  let itW = 0,
    installed = 0;
  const by: Record<string, number> = {};
  for (const c of cohortsIn(f, y)) {
    const n = c.units * c.weight;
    installed += n;
    by[c.shipment.generation] = (by[c.shipment.generation] ?? 0) + n;
    itW += n * c.shipment.board_w * draw * f.server_overhead;
  }
  return { it_mw: itW / 1e6, installed, by_generation: by };
}

export function pueAt(f: FleetParams, y: number): number {
  return Math.max(1, f.pue * Math.pow(f.pue_change_per_year, y - f.pue_year));
}

/** TWh the installed AI accelerators would draw with the grid unbounded. */
export function aiDemandTwh(f: FleetParams, y: number): number {
  return (aiLoad(f, y).it_mw * pueAt(f, y) * HOURS_PER_YEAR) / 1e6;
}

export function nonAiTwh(f: FleetParams, y: number): number {
  const base = Math.max(0, f.non_ai.anchor_total_dc_twh - aiDemandTwh(f, f.non_ai.anchor_year));
  return base * Math.pow(f.non_ai.growth_per_year, y - f.non_ai.anchor_year);
}

export function regionTwh(f: FleetParams, y: number): number {
  return f.region_demand.twh * Math.pow(f.region_demand.growth_per_year, y - f.region_demand.year);
}

export interface GridState {
  limit_twh: number;
  /** Null without a grid, and before the grid's base year. */
  capacity_mw: number | null;
  buildout_mw: number;
  utilization: number;
}

/** The region's grid bound in year y (the base capacity from the modelled load when not given). */
export function gridState(f: FleetParams, y: number): GridState {
  const g = f.grid;
  if (!g) return { limit_twh: Infinity, capacity_mw: null, buildout_mw: 0, utilization: 1 };
  const base = gridBaseMw(g, aiDemandTwh(f, g.year) + nonAiTwh(f, g.year));
  return {
    limit_twh: gridLimitTwh(g, base, y),
    capacity_mw: y < g.year ? null : gridCapacityMw(g, base, y),
    buildout_mw: gridBuildoutMw(g, y),
    utilization: g.utilization,
  };
}

export function fleetYear(f: FleetParams, y: number): FleetYear {
  const load = aiLoad(f, y);
  const share = inferenceShareAt(f, y);
  const pue = pueAt(f, y);
  const aiDemand = (load.it_mw * pue * HOURS_PER_YEAR) / 1e6;
  const nonAiDemand = nonAiTwh(f, y);
  const grid = gridState(f, y);
  // the grid serves the existing (non-AI) load first; new AI load waits for capacity
  const nonAi = Math.min(nonAiDemand, grid.limit_twh);
  const ai = Math.min(aiDemand, grid.limit_twh - nonAi);
  const served = aiDemand > 0 ? ai / aiDemand : 1;
  const region = regionTwh(f, y);
  return {
    year: y,
    deliveries: deliveries(f, y),
    retirements: retirements(f, y),
    installed: load.installed,
    installed_by_generation: load.by_generation,
    inference_share: share,
    training_gpus: load.installed * (1 - share),
    inference_gpus: load.installed * share,
    it_mw: load.it_mw * served,
    facility_mw: load.it_mw * served * pue,
    pue,
    ai_twh: ai,
    non_ai_twh: nonAi,
    total_dc_twh: ai + nonAi,
    region_twh: region,
    ai_share: ai / region,
    total_dc_share: (ai + nonAi) / region,
    ai_demand_twh: aiDemand,
    unserved_twh: aiDemand - ai + (nonAiDemand - nonAi),
    unpowered: load.installed * (1 - served),
    ...(grid.capacity_mw === null
      ? {}
      : {
          grid_capacity_mw: grid.capacity_mw,
          grid_buildout_mw: grid.buildout_mw,
          grid_headroom_mw: Math.max(0, grid.capacity_mw - ((ai + nonAi) * 1e6) / HOURS_PER_YEAR / grid.utilization),
        }),
  };
}

export function fleetSeries(f: FleetParams): FleetYear[] {
  const out: FleetYear[] = [];
  for (let y = Math.ceil(f.from_year); y <= f.to_year + 1e-9; y++) out.push(fleetYear(f, y));
  return out;
}
