// Normalized cost parameters: the scenario's `cost:` section over COST_DEFAULTS, with the
// depreciation life falling back to compute.retirement_years. Pure; invariant: every field finite.
import type { Params } from '../params/params.ts';
import type { FirstwallScenario } from '../scenario/types.gen.ts';
import { COST_DEFAULTS } from './defaults.ts';

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

export function normalizeCost(given: FirstwallScenario['cost'], p: Params): CostParams {
  const g = given ?? {};
  const d = COST_DEFAULTS;
  return {
    default_accelerator_price_usd: g.default_accelerator_price_usd ?? d.default_accelerator_price_usd,
    accelerator_price_change_per_year: g.accelerator_price_change_per_year ?? d.accelerator_price_change_per_year,
    depreciation_years: g.depreciation_years ?? d.depreciation_years ?? p.compute.retirement_years,
    server_capex_fraction: g.server_capex_fraction ?? d.server_capex_fraction,
    network_capex_fraction: g.network_capex_fraction ?? d.network_capex_fraction,
    facility_capex_usd_per_mw: g.facility_capex_usd_per_mw ?? d.facility_capex_usd_per_mw,
    facility_life_years: g.facility_life_years ?? d.facility_life_years,
    maintenance_fraction_per_year: g.maintenance_fraction_per_year ?? d.maintenance_fraction_per_year,
    energy_price_usd_per_mwh: g.energy_price_usd_per_mwh ?? d.energy_price_usd_per_mwh,
    energy_price_change_per_year: g.energy_price_change_per_year ?? d.energy_price_change_per_year,
  };
}
