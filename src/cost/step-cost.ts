// Cost of one step: the frontier run the demand asks for and the developer's fleet for a year.
// The run is costed as the GPU-time the target needs at the fleet's achieved FLOP/s per GPU
// (GPUs = target FLOP / (FLOP/s per GPU x duration)), not the GPUs the fleet happens to have: so
// the cost per FLOP is a property of hardware and prices, whether a wall binds or not.
// Per-GPU price and IT watts are means over the installed generation mix; the energy price is
// the IT-load-weighted mean over sites.
import { itWattsPerGpu, newestAccelerator, type Params } from '../params/params.ts';
import type { StepResult } from '../result/types.ts';
import { costOf } from './breakdown.ts';
import { DAYS_PER_YEAR } from '../params/units.ts';
import type { CostParams } from './params.ts';
import { acceleratorPriceUsd, energyPriceUsdPerMwh } from './prices.ts';
import type { StepCost } from '../result/cost-types.ts';

interface FleetMeans {
  price_usd: number;
  it_w: number;
  flop_per_s: number;
}

function fleetMeans(s: StepResult, p: Params, c: CostParams): FleetMeans {
  const years = s.year - p.horizon.start_year;
  const q = s.quantities;
  // count-weighted means over the installed mix (plain loop: this runs every step of every run)
  let total = 0,
    price = 0,
    itW = 0;
  for (const name in q.gpus_by_generation) {
    const n = q.gpus_by_generation[name];
    const acc = p.hardware_by_name.get(name);
    if (!(n > 0) || !acc) continue;
    total += n;
    price += n * acceleratorPriceUsd(acc, c, years);
    itW += n * itWattsPerGpu(acc, p);
  }
  const newest = newestAccelerator(p, s.year);
  if (total === 0) {
    total = 1;
    price = acceleratorPriceUsd(newest, c, years);
    itW = itWattsPerGpu(newest, p);
  }
  const flop =
    q.gpus_installed > 0 && q.effective_flop_per_s > 0
      ? q.effective_flop_per_s / q.gpus_installed
      : newest.peak_flop_per_s * q.mfu * q.roofline_fraction;
  return { price_usd: price / total, it_w: itW / total, flop_per_s: flop };
}

/** IT-load-weighted energy price over sites (GPU-weighted when nothing runs, plain mean when empty). */
function meanEnergyPrice(s: StepResult, p: Params, c: CostParams, prices: number[]): number {
  let itSum = 0,
    gpuSum = 0,
    byIt = 0,
    byGpu = 0,
    plain = 0;
  for (let i = 0; i < s.sites.length; i++) {
    const site = s.sites[i];
    itSum += site.it_mw;
    byIt += site.it_mw * prices[i];
    gpuSum += site.gpus;
    byGpu += site.gpus * prices[i];
    plain += prices[i];
  }
  if (itSum > 0) return byIt / itSum;
  if (gpuSum > 0) return byGpu / gpuSum;
  return s.sites.length > 0 ? plain / s.sites.length : energyPriceUsdPerMwh(p, c, 0, s.year);
}

export function stepCost(s: StepResult, p: Params, c: CostParams): StepCost {
  const m = fleetMeans(s, p, c);
  const seconds = s.training_days * 86_400;
  const prices: number[] = [];
  for (let i = 0; i < s.sites.length; i++) prices.push(energyPriceUsdPerMwh(p, c, i, s.year));
  const price = meanEnergyPrice(s, p, c, prices);
  const pue = s.quantities.pue;
  const gpus = m.flop_per_s > 0 ? s.target_flop / (m.flop_per_s * seconds) : 0;
  const run = costOf(
    { gpus, seconds, price_usd_per_gpu: m.price_usd, it_w_per_gpu: m.it_w, pue, energy_price_usd_per_mwh: price },
    c,
  );
  const fleetGpus = s.quantities.gpus_installed;
  // The fleet's real IT load (power-capped, stranded GPUs off) sets its energy; capital covers every GPU.
  const fleet = costOf(
    {
      gpus: fleetGpus,
      seconds: DAYS_PER_YEAR * 86_400,
      price_usd_per_gpu: m.price_usd,
      it_w_per_gpu: m.it_w,
      pue,
      energy_price_usd_per_mwh: price,
    },
    c,
  );
  let facilityMw = 0,
    energyUsd = 0;
  for (let i = 0; i < s.sites.length; i++) {
    facilityMw += s.sites[i].facility_mw;
    energyUsd += s.sites[i].facility_mw * DAYS_PER_YEAR * 24 * prices[i];
  }
  const energyMwh = facilityMw * DAYS_PER_YEAR * 24;
  const total = fleet.total_usd - fleet.energy_usd + energyUsd;
  // explicit literals, not object spread: spread of these wide objects costs ~10 us per step
  return {
    run: {
      accelerators_usd: run.accelerators_usd,
      servers_usd: run.servers_usd,
      network_usd: run.network_usd,
      facility_usd: run.facility_usd,
      maintenance_usd: run.maintenance_usd,
      energy_usd: run.energy_usd,
      total_usd: run.total_usd,
      energy_share: run.energy_share,
      it_mw: run.it_mw,
      facility_mw: run.facility_mw,
      energy_mwh: run.energy_mwh,
      gpus,
      days: s.training_days,
      accelerator_price_usd: m.price_usd,
      energy_price_usd_per_mwh: price,
      usd_per_effective_flop:
        s.algorithms.effective_target_flop > 0 ? run.total_usd / s.algorithms.effective_target_flop : 0,
      usd_per_flop: s.target_flop > 0 ? run.total_usd / s.target_flop : 0,
    },
    fleet_per_year: {
      accelerators_usd: fleet.accelerators_usd,
      servers_usd: fleet.servers_usd,
      network_usd: fleet.network_usd,
      facility_usd: fleet.facility_usd,
      maintenance_usd: fleet.maintenance_usd,
      energy_usd: energyUsd,
      total_usd: total,
      energy_share: total > 0 ? energyUsd / total : 0,
      it_mw: s.quantities.it_mw,
      facility_mw: s.quantities.facility_mw,
      energy_mwh: energyMwh,
      gpus: fleetGpus,
    },
  };
}
