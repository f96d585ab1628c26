// Prices at a time t: an accelerator's price (catalog price x yearly trend) and a site's energy
// price (site or default price x yearly trend x active price spikes). Price spikes are rebuilt from
// the scenario's `price_spike` events with the same rule as src/model/scripted.ts applyShocks (a
// spike is active from its time until at + duration_years), so the cost needs no world snapshot.
import type { AcceleratorSpec, Params } from '../params/params.ts';
import type { CostParams } from './params.ts';

export function acceleratorPriceUsd(a: AcceleratorSpec, c: CostParams, years: number): number {
  return acceleratorPriceWithTrend(a, c, acceleratorPriceTrend(c, years));
}

/** The accelerator price trend `years` after the start (a step prices every generation with one). */
export function acceleratorPriceTrend(c: CostParams, years: number): number {
  return Math.pow(c.accelerator_price_change_per_year, years);
}

/** An accelerator's price given the step's trend (acceleratorPriceUsd, the same product). */
export function acceleratorPriceWithTrend(a: AcceleratorSpec, c: CostParams, trend: number): number {
  return (a.price_usd ?? c.default_accelerator_price_usd) * trend;
}

/** Product of the factors of the price spikes active at t. */
export function energyPriceFactor(p: Params, t: number): number {
  let f = 1;
  for (const ev of p.events) {
    if (ev.kind !== 'price_spike') continue;
    const start = Math.max(ev.at, p.horizon.start_year);
    const until = ev.payload.duration_years === undefined ? Infinity : ev.at + ev.payload.duration_years;
    if (start <= t + 1e-9 && until > t + 1e-9) f *= ev.payload.factor;
  }
  return f;
}

export function energyPriceUsdPerMwh(p: Params, c: CostParams, site: number, t: number): number {
  const years = t - p.horizon.start_year;
  return siteBasePrice(p, c, site) * Math.pow(c.energy_price_change_per_year, years) * energyPriceFactor(p, t);
}

/** energyPriceUsdPerMwh of sites 0..count-1 at t: the trend and the spikes' factor are the same for
 * every site, so they are found once (the same products, in the same order, per site). */
export function energyPricesUsdPerMwh(p: Params, c: CostParams, count: number, t: number): number[] {
  const trend = Math.pow(c.energy_price_change_per_year, t - p.horizon.start_year);
  const factor = energyPriceFactor(p, t);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(siteBasePrice(p, c, i) * trend * factor);
  return out;
}

function siteBasePrice(p: Params, c: CostParams, site: number): number {
  return p.sites[site]?.energy_price_usd_per_mwh ?? c.energy_price_usd_per_mwh;
}
