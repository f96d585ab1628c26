// Normalized fleet parameters: the scenario's `fleet:` section over FLEET_DEFAULTS. Shipments the
// scenario lists replace the default series; years after the last listed one are projected.
import type { FirstwallScenario } from '../scenario/types.gen.ts';
import { FLEET_DEFAULTS, US_SHIPMENTS, type Shipment } from './defaults.ts';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends number ? number : T[K] extends object ? Widen<T[K]> : T[K] };
export type FleetParams = Omit<Widen<typeof FLEET_DEFAULTS>, 'region'> & {
  region: string;
  from_year: number;
  to_year: number;
  shipments: Shipment[];
};

export function normalizeFleet(
  given: NonNullable<FirstwallScenario['fleet']>,
  horizon: { start_year: number; end_year: number },
): FleetParams {
  const d = FLEET_DEFAULTS;
  const listed = given.shipments?.map((s) => ({
    year: s.year,
    units: s.units,
    board_w: s.board_w ?? boardWAt(US_SHIPMENTS, s.year),
    generation: s.generation ?? `shipped ${s.year}`,
  }));
  return {
    region: given.region ?? d.region,
    from_year: given.from_year ?? horizon.start_year,
    to_year: given.to_year ?? horizon.end_year,
    shipments: [...(listed ?? US_SHIPMENTS)].sort((a, b) => a.year - b.year),
    units_growth_per_year: given.units_growth_per_year ?? d.units_growth_per_year,
    board_w_growth_per_year: given.board_w_growth_per_year ?? d.board_w_growth_per_year,
    region_share: given.region_share ?? d.region_share,
    life_years: given.life_years ?? d.life_years,
    server_overhead: given.server_overhead ?? d.server_overhead,
    training_draw_of_tdp: given.training_draw_of_tdp ?? d.training_draw_of_tdp,
    inference_draw_of_tdp: given.inference_draw_of_tdp ?? d.inference_draw_of_tdp,
    inference_share: given.inference_share ?? d.inference_share,
    inference_share_year: given.inference_share_year ?? d.inference_share_year,
    inference_share_growth_per_year: given.inference_share_growth_per_year ?? d.inference_share_growth_per_year,
    max_inference_share: given.max_inference_share ?? d.max_inference_share,
    pue: given.pue ?? d.pue,
    pue_change_per_year: given.pue_change_per_year ?? d.pue_change_per_year,
    non_ai: { ...d.non_ai, ...given.non_ai },
    region_demand: { ...d.region_demand, ...given.region_demand },
  };
}

/** Board power of the shipments listed for the latest year <= y (the first year's before it). */
function boardWAt(list: Shipment[], y: number): number {
  let w = list[0].board_w;
  for (const s of list) if (s.year <= y) w = s.board_w;
  return w;
}
