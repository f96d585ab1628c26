// The cost of running `gpus` accelerators for `seconds`: capital charged as depreciation over the
// time used (accelerators, other server parts, cluster network, facility per MW of IT), plus
// maintenance and energy (IT MW x PUE x hours x price). Pure; invariant: every field finite, >= 0,
// and the parts sum to total_usd.
import { HOURS_PER_YEAR } from '../params/units.ts';
import type { CostParams } from './params.ts';
import type { CostBreakdown } from '../result/cost-types.ts';

export interface CostInputs {
  gpus: number;
  seconds: number;
  price_usd_per_gpu: number;
  it_w_per_gpu: number;
  pue: number;
  energy_price_usd_per_mwh: number;
}

const SECONDS_PER_YEAR = HOURS_PER_YEAR * 3600;

// Hot path (every step of every run): no closures here. tsx compiles with esbuild's keepNames,
// which wraps each closure creation in a defineProperty call.
export function costOf(x: CostInputs, c: CostParams): CostBreakdown {
  const years = x.seconds / SECONDS_PER_YEAR;
  const hardware = x.gpus * x.price_usd_per_gpu;
  const accelerators_usd = (hardware / c.depreciation_years) * years;
  const servers_usd = ((hardware * c.server_capex_fraction) / c.depreciation_years) * years;
  const network_usd = ((hardware * c.network_capex_fraction) / c.depreciation_years) * years;
  const it_mw = (x.gpus * x.it_w_per_gpu) / 1e6;
  const facility_usd = ((it_mw * c.facility_capex_usd_per_mw) / c.facility_life_years) * years;
  const maintenance_usd =
    hardware * (1 + c.server_capex_fraction + c.network_capex_fraction) * c.maintenance_fraction_per_year * years;
  const facility_mw = it_mw * x.pue;
  const energy_mwh = facility_mw * years * HOURS_PER_YEAR;
  const energy_usd = energy_mwh * x.energy_price_usd_per_mwh;
  const total_usd = accelerators_usd + servers_usd + network_usd + facility_usd + maintenance_usd + energy_usd;
  return {
    accelerators_usd,
    servers_usd,
    network_usd,
    facility_usd,
    maintenance_usd,
    energy_usd,
    total_usd,
    energy_share: total_usd > 0 ? energy_usd / total_usd : 0,
    it_mw,
    facility_mw,
    energy_mwh,
  };
}

/** Energy of a facility at constant load for a year: MWh and dollars (the hand-worked checks). */
export function annualEnergy(
  itMw: number,
  pue: number,
  priceUsdPerMwh: number,
  hoursPerYear = HOURS_PER_YEAR,
): { twh: number; usd: number } {
  const mwh = itMw * pue * hoursPerYear;
  return { twh: mwh / 1e6, usd: mwh * priceUsdPerMwh };
}
