// Result shapes of the regional fleet view (src/fleet/): one year, and the yearly series.

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
  it_mw: number;
  facility_mw: number;
  pue: number;
  ai_twh: number;
  non_ai_twh: number;
  total_dc_twh: number;
  region_twh: number;
  ai_share: number;
  total_dc_share: number;
}

export interface FleetResult {
  region: string;
  /** Yearly series over fleet.from_year..to_year (default: the horizon). */
  years: FleetYear[];
}
