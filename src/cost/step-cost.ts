// Cost of one step: the frontier run the demand asks for and the developer's fleet for a year.
// The run is costed as the GPU-time the target needs at the fleet's achieved FLOP/s per GPU
// (GPUs = target FLOP / (FLOP/s per GPU x duration)), not the GPUs the fleet happens to have: so
// the cost per FLOP is a property of hardware and prices, whether a wall binds or not.
// Per-GPU price and IT watts are means over the installed generation mix; the energy price is
// the IT-load-weighted mean over sites.
import { itWattsPerGpu, newestAccelerator, type AcceleratorSpec, type Params } from '../model/params.ts';
import type { StepResult } from '../model/result.ts';
import { costOf, type CostInputs } from './breakdown.ts';
import { DAYS_PER_YEAR } from './defaults.ts';
import type { CostParams } from './params.ts';
import { acceleratorPriceUsd, energyPriceUsdPerMwh } from './prices.ts';
import type { StepCost } from './types.ts';

interface FleetMeans { price_usd: number; it_w: number; flop_per_s: number }

function fleetMeans(s: StepResult, p: Params, c: CostParams): FleetMeans {
  const years = s.year - p.horizon.start_year;
  const q = s.quantities;
  const byName = p.hardware_by_name;
  const mix: { acc: AcceleratorSpec; n: number }[] = Object.entries(q.gpus_by_generation)
    .filter(([name, n]) => n > 0 && byName.has(name)).map(([name, n]) => ({ acc: byName.get(name)!, n }));
  if (mix.length === 0) mix.push({ acc: newestAccelerator(p, s.year), n: 1 });
  const total = mix.reduce((a, m) => a + m.n, 0);
  const mean = (f: (a: AcceleratorSpec) => number) => mix.reduce((a, m) => a + f(m.acc) * m.n, 0) / total;
  const newest = newestAccelerator(p, s.year);
  const flop = q.gpus_installed > 0 && q.effective_flop_per_s > 0
    ? q.effective_flop_per_s / q.gpus_installed
    : newest.peak_flop_per_s * p.compute.mfu * q.roofline_fraction;
  return { price_usd: mean((a) => acceleratorPriceUsd(a, c, years)), it_w: mean((a) => itWattsPerGpu(a, p)), flop_per_s: flop };
}

function meanEnergyPrice(s: StepResult, p: Params, c: CostParams): number {
  const weights = s.sites.map((x) => x.it_mw);
  const fallback = s.sites.map((x) => x.gpus);
  const w = weights.some((x) => x > 0) ? weights : fallback.some((x) => x > 0) ? fallback : s.sites.map(() => 1);
  const sum = w.reduce((a, x) => a + x, 0);
  if (sum <= 0) return energyPriceUsdPerMwh(p, c, 0, s.year);
  return w.reduce((a, x, i) => a + x * energyPriceUsdPerMwh(p, c, i, s.year), 0) / sum;
}

export function stepCost(s: StepResult, p: Params, c: CostParams): StepCost {
  const m = fleetMeans(s, p, c);
  const seconds = s.training_days * 86_400;
  const price = meanEnergyPrice(s, p, c);
  const pue = s.quantities.pue;
  const gpus = m.flop_per_s > 0 ? s.target_flop / (m.flop_per_s * seconds) : 0;
  const runIn: CostInputs = { gpus, seconds, price_usd_per_gpu: m.price_usd, it_w_per_gpu: m.it_w, pue, energy_price_usd_per_mwh: price };
  const run = costOf(runIn, c);
  const fleetGpus = s.quantities.gpus_installed;
  // The fleet's real IT load (power-capped, stranded GPUs off) sets its energy; capital covers every GPU.
  const fleetIn: CostInputs = { gpus: fleetGpus, seconds: DAYS_PER_YEAR * 86_400, price_usd_per_gpu: m.price_usd, it_w_per_gpu: m.it_w, pue, energy_price_usd_per_mwh: price };
  const fleet = costOf(fleetIn, c);
  const energyMwh = s.sites.reduce((a, x) => a + x.facility_mw, 0) * DAYS_PER_YEAR * 24;
  const energyUsd = s.sites.reduce((a, x, i) => a + x.facility_mw * DAYS_PER_YEAR * 24 * energyPriceUsdPerMwh(p, c, i, s.year), 0);
  const total = fleet.total_usd - fleet.energy_usd + energyUsd;
  return {
    run: {
      ...run, gpus, days: s.training_days, accelerator_price_usd: m.price_usd, energy_price_usd_per_mwh: price,
      usd_per_effective_flop: s.target_effective_flop > 0 ? run.total_usd / s.target_effective_flop : 0,
      usd_per_flop: s.target_flop > 0 ? run.total_usd / s.target_flop : 0,
    },
    fleet_per_year: {
      ...fleet, gpus: fleetGpus, energy_usd: energyUsd, energy_mwh: energyMwh, total_usd: total,
      it_mw: s.quantities.it_mw, facility_mw: s.quantities.facility_mw,
      energy_share: total > 0 ? energyUsd / total : 0,
    },
  };
}
