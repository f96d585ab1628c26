// Normalized cost parameters: the scenario's `cost:` section (its defaults, each sourced, are in
// schemas/scenario.schema.json), with the depreciation life falling back to
// compute.retirement_years. Pure; invariant: every field finite.
import type { Params } from '../params/params.ts';
import type { ResolvedScenario } from '../scenario/resolved.gen.ts';

export interface CostParams {
  default_accelerator_price_usd: number;
  accelerator_price_change_per_year: number;
  depreciation_years: number;
  server_capex_fraction: number;
  network_capex_fraction: number;
  facility_capex_usd_per_mw: number;
  facility_life_years: number;
  maintenance_fraction_per_year: number;
  energy_price_usd_per_mwh: number;
  energy_price_change_per_year: number;
}

export function normalizeCost(c: ResolvedScenario['cost'], p: Params): CostParams {
  return {
    default_accelerator_price_usd: c.default_accelerator_price_usd,
    accelerator_price_change_per_year: c.accelerator_price_change_per_year,
    // absent: the accelerators' own service life
    depreciation_years: c.depreciation_years ?? p.compute.retirement_years,
    server_capex_fraction: c.server_capex_fraction,
    network_capex_fraction: c.network_capex_fraction,
    facility_capex_usd_per_mw: c.facility_capex_usd_per_mw,
    facility_life_years: c.facility_life_years,
    maintenance_fraction_per_year: c.maintenance_fraction_per_year,
    energy_price_usd_per_mwh: c.energy_price_usd_per_mwh,
    energy_price_change_per_year: c.energy_price_change_per_year,
  };
}
