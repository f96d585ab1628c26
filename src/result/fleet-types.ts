// Result shapes of the fleet view (src/fleet/): one year, and the yearly series of one region or
// of the world with its regions. Every year keeps AI accelerators' electricity (ai_*) apart from
// all data centres' (total_dc_* = ai_* + non_ai_*).

export interface FleetYear {
  year: number;
  deliveries: number;
  retirements: number;
  /** Average accelerators in service over the year. */
  installed: number;
  installed_by_generation: Record<string, number>;
  inference_share: number;
  training_gpus: number;
  inference_gpus: number;
  /** IT and facility MW of the AI accelerators the grid serves (average over the year). */
  it_mw: number;
  facility_mw: number;
  pue: number;
  /** AI accelerators' electricity (servers with accelerators, with their facility overhead). */
  ai_twh: number;
  non_ai_twh: number;
  /** All data centres: ai_twh + non_ai_twh. */
  total_dc_twh: number;
  region_twh: number;
  ai_share: number;
  total_dc_share: number;
  /** AI TWh the installed accelerators would draw with the grid unbounded (>= ai_twh). */
  ai_demand_twh?: number;
  /** Data-centre demand the grid could not serve (AI first). */
  unserved_twh?: number;
  /** Accelerators installed but waiting for grid capacity (average over the year). */
  unpowered?: number;
  /** Grid interconnection capacity for data centres, the part energised this year, and the capacity
   *  left once this year's average load / utilization is taken (absent without a grid bound). */
  grid_capacity_mw?: number;
  grid_buildout_mw?: number;
  grid_headroom_mw?: number;
}

export interface FleetRegionSeries {
  region: string;
  /** Year of the published total the region's non-AI load is anchored on (it matches there). */
  anchor_year?: number;
  years: FleetYear[];
}

export interface FleetResult {
  /** The region, or "World" for a fleet of regions. */
  region: string;
  /** The one region's non-AI anchor year (absent for a world: see each region's). */
  anchor_year?: number;
  /** Yearly series over fleet.from_year..to_year (default: the horizon); the world's sum. */
  years: FleetYear[];
  /** Each region's series, for a world fleet (`fleet.regions`). */
  regions?: FleetRegionSeries[];
}
