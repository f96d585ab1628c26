// Sourced default prices for the cost model (issue 8). Tags as in shared/reference/
// infrastructure.md: Q quoted, P paraphrased, R recall (verify before relying on it), E derived.
// A scenario's `cost:` section overrides any of them; src/cost/params.ts fills the rest from here.

export const COST_DEFAULTS = {
  // Catalog entries without price_usd: the low end of the H100 list price, $25-40k (press reports, 2024; R).
  default_accelerator_price_usd: 25_000,
  // Catalog prices per generation already carry the price-performance trend of new generations;
  // 1 = a generation's street price stays put as it ages. Set < 1 to test falling accelerator prices.
  accelerator_price_change_per_year: 1,
  // Absent: compute.retirement_years (hyperscaler server depreciation 5-6 years, company filings; R).
  depreciation_years: null as number | null,
  // Cottier et al., "The rising costs of training frontier AI models" (Epoch AI, 2024; R): amortized
  // hardware splits roughly 44% accelerators, 29% other server components, 17% cluster interconnect.
  // Per dollar of accelerator: 29/44 = 0.66 and 17/44 = 0.39 (E).
  server_capex_fraction: 0.66,
  network_capex_fraction: 0.39,
  // $7-12M per MW of IT capacity (BlueCap Economic Advisors, "Cost of a Data Center", 2025; P);
  // $10-12M/MW average, AI-optimized $20M+ (industry summaries, 2025; P). Mid-range: $10M/MW.
  facility_capex_usd_per_mw: 10_000_000,
  // Assumption: shell and mechanical/electrical plant depreciated over ~20 years.
  facility_life_years: 20,
  // Assumption: hardware support and spares ~5% of hardware capex per year.
  maintenance_fraction_per_year: 0.05,
  // US industrial electricity 8.06 c/kWh in 2023 (EIA via Statista; Q) = $80.6/MWh.
  energy_price_usd_per_mwh: 80.6,
  // EIA industrial 8.3 c/kWh (2022) -> 8.06 c/kWh (2023) (Q): roughly flat; 1 = constant real price.
  energy_price_change_per_year: 1,
} as const;

export const DAYS_PER_YEAR = 365.25;
