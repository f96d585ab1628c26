// A region's AI fleet in one year: stock, training/inference split, IT and facility power, TWh,
// and shares of the region's electricity; plus the non-AI data-center base load (the published
// total at an anchor year minus the modelled AI part there, growing at a stated rate).
// Pure; invariant: every field finite and >= 0.
import { HOURS_PER_YEAR } from '../params/units.ts';
import type { FleetParams } from './params.ts';
import type { FleetYear } from '../result/fleet-types.ts';
import { cohortsIn, deliveries, retirements } from './stock.ts';

export function inferenceShareAt(f: FleetParams, y: number): number {
  return Math.min(
    f.max_inference_share,
    f.inference_share * Math.pow(f.inference_share_growth_per_year, y - f.inference_share_year),
  );
}

/** AI accelerators' IT MW (average over the year) and the stock behind it. */
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
  return Math.max(1, f.pue * Math.pow(f.pue_change_per_year, y - f.non_ai.anchor_year));
}

export function aiTwh(f: FleetParams, y: number): number {
  return (aiLoad(f, y).it_mw * pueAt(f, y) * HOURS_PER_YEAR) / 1e6;
}

export function nonAiTwh(f: FleetParams, y: number): number {
  const base = Math.max(0, f.non_ai.anchor_total_dc_twh - aiTwh(f, f.non_ai.anchor_year));
  return base * Math.pow(f.non_ai.growth_per_year, y - f.non_ai.anchor_year);
}

export function fleetYear(f: FleetParams, y: number): FleetYear {
  const load = aiLoad(f, y);
  const share = inferenceShareAt(f, y);
  const pue = pueAt(f, y);
  const ai = (load.it_mw * pue * HOURS_PER_YEAR) / 1e6;
  const nonAi = nonAiTwh(f, y);
  const region = f.region_demand.twh * Math.pow(f.region_demand.growth_per_year, y - f.region_demand.year);
  return {
    year: y,
    deliveries: deliveries(f, y),
    retirements: retirements(f, y),
    installed: load.installed,
    installed_by_generation: load.by_generation,
    inference_share: share,
    training_gpus: load.installed * (1 - share),
    inference_gpus: load.installed * share,
    it_mw: load.it_mw,
    facility_mw: load.it_mw * pue,
    pue,
    ai_twh: ai,
    non_ai_twh: nonAi,
    total_dc_twh: ai + nonAi,
    region_twh: region,
    ai_share: ai / region,
    total_dc_share: (ai + nonAi) / region,
  };
}

export function fleetSeries(f: FleetParams): FleetYear[] {
  const out: FleetYear[] = [];
  for (let y = Math.ceil(f.from_year); y <= f.to_year + 1e-9; y++) out.push(fleetYear(f, y));
  return out;
}
