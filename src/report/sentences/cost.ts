// The sentence under the cost charts, generated from the run's own cost figures: how large energy's
// share of the frontier run's cost is and why (capital per accelerator-hour against energy per
// accelerator-hour), and the energy price at which energy would pass half. Every figure is read
// off the result (the depreciation life is recovered from the accelerators' charge, E).
// Invariant: pure; no sentence when no step carries a cost.
import { HOURS_PER_YEAR } from '../../params/units.ts';
import type { RunResult, StepResult } from '../../result/types.ts';
import type { RunCost } from '../../result/cost-types.ts';
import { formatYear } from '../../result/format.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const usd = (x: number) =>
  x >= 1e9
    ? `$${(x / 1e9).toPrecision(3)}bn`
    : x >= 1e6
      ? `$${(x / 1e6).toPrecision(3)}M`
      : x >= 100
        ? `$${String(Math.round(Number(x.toPrecision(3)))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
        : `$${x.toPrecision(3)}`;

export interface CostReading {
  year: number;
  energy_share: number;
  /** Years over which the accelerators are depreciated: price x GPUs x years used / accelerator charge. */
  depreciation_years: number;
  /** Capital, maintenance (everything but energy) and energy per accelerator-hour of the run. */
  other_usd_per_gpu_hour: number;
  energy_usd_per_gpu_hour: number;
  energy_price_usd_per_mwh: number;
  /** The energy price at which energy would be half the run's cost, all else as it is. */
  half_price_usd_per_mwh: number;
}

export function costReading(year: number, c: RunCost): CostReading {
  const gpuHours = c.gpus * c.days * 24;
  const yearsUsed = (c.days * 24) / HOURS_PER_YEAR;
  const other = c.total_usd - c.energy_usd;
  return {
    year,
    energy_share: c.energy_share,
    depreciation_years:
      c.accelerators_usd > 0 ? (c.gpus * c.accelerator_price_usd * yearsUsed) / c.accelerators_usd : 0,
    other_usd_per_gpu_hour: gpuHours > 0 ? other / gpuHours : 0,
    energy_usd_per_gpu_hour: gpuHours > 0 ? c.energy_usd / gpuHours : 0,
    energy_price_usd_per_mwh: c.energy_price_usd_per_mwh,
    half_price_usd_per_mwh: c.energy_usd > 0 ? (c.energy_price_usd_per_mwh * other) / c.energy_usd : 0,
  };
}

function costed(r: RunResult): StepResult[] {
  return r.steps.filter((s) => s.cost !== undefined);
}

/** "Energy stays 4.6-7.7% of the run's cost because ..." (null when no step carries a cost). */
export function costSentence(r: RunResult): string | null {
  const steps = costed(r);
  if (!steps.length) return null;
  const shares = steps.map((s) => s.cost!.run.energy_share);
  const lo = Math.min(...shares);
  const hi = Math.max(...shares);
  const first = costReading(steps[0].year, steps[0].cost!.run);
  const last = costReading(steps[steps.length - 1].year, steps[steps.length - 1].cost!.run);
  const verb = hi < 0.5 ? 'stays' : lo >= 0.5 ? 'is above half, at' : 'ranges over';
  const span = Math.abs(hi - lo) < 0.0005 ? pct(hi) : `${pct(lo)}-${pct(hi)}`;
  const why =
    `an accelerator-hour of the run costs ${usd(first.other_usd_per_gpu_hour)} in capital and maintenance ` +
    `(accelerators at ${usd(steps[0].cost!.run.accelerator_price_usd)}, depreciated over ${first.depreciation_years.toPrecision(2)} years) ` +
    `against ${usd(first.energy_usd_per_gpu_hour)} of energy at $${first.energy_price_usd_per_mwh.toPrecision(3)}/MWh in ${formatYear(first.year)}`;
  const half =
    last.energy_share < 0.5 && last.half_price_usd_per_mwh > 0
      ? ` Energy would pass half of the run's cost only at an energy price of $${Math.round(last.half_price_usd_per_mwh)}/MWh, ${(last.half_price_usd_per_mwh / last.energy_price_usd_per_mwh).toPrecision(2)}x the ${formatYear(last.year)} price, with everything else as it is.`
      : '';
  return `Energy ${verb} ${span} of the frontier run's cost over ${formatYear(steps[0].year)}-${formatYear(last.year)}: ${why}.${half}`;
}
