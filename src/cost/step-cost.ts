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
import {
  acceleratorPriceTrend,
  acceleratorPriceWithTrend,
  energyPriceUsdPerMwh,
  energyPricesUsdPerMwh,
} from './prices.ts';
import type { StepCost } from '../result/cost-types.ts';

type Breakdown = ReturnType<typeof costOf>;

// The step's cost records are built by constructors, not object literals (field by field, not
// spread: a spread of these wide objects cost ~10 us per step): a literal's allocation site that V8
// pretenures builds each object on a slow path (src/datacenter/quantities.ts measured it). `declare`
// fields emit nothing; the constructors assign them in the result's key order.
class RunCostRecord {
  declare accelerators_usd: number;
  declare servers_usd: number;
  declare network_usd: number;
  declare facility_usd: number;
  declare maintenance_usd: number;
  declare energy_usd: number;
  declare total_usd: number;
  declare energy_share: number;
  declare it_mw: number;
  declare facility_mw: number;
  declare energy_mwh: number;
  declare gpus: number;
  declare days: number;
  declare accelerator_price_usd: number;
  declare energy_price_usd_per_mwh: number;
  declare usd_per_effective_flop: number;
  declare usd_per_flop: number;
  constructor(
    run: Breakdown,
    gpus: number,
    days: number,
    priceUsd: number,
    energyPrice: number,
    perEffectiveFlop: number,
    perFlop: number,
  ) {
    this.accelerators_usd = run.accelerators_usd;
    this.servers_usd = run.servers_usd;
    this.network_usd = run.network_usd;
    this.facility_usd = run.facility_usd;
    this.maintenance_usd = run.maintenance_usd;
    this.energy_usd = run.energy_usd;
    this.total_usd = run.total_usd;
    this.energy_share = run.energy_share;
    this.it_mw = run.it_mw;
    this.facility_mw = run.facility_mw;
    this.energy_mwh = run.energy_mwh;
    this.gpus = gpus;
    this.days = days;
    this.accelerator_price_usd = priceUsd;
    this.energy_price_usd_per_mwh = energyPrice;
    this.usd_per_effective_flop = perEffectiveFlop;
    this.usd_per_flop = perFlop;
  }
}

class FleetCostRecord {
  declare accelerators_usd: number;
  declare servers_usd: number;
  declare network_usd: number;
  declare facility_usd: number;
  declare maintenance_usd: number;
  declare energy_usd: number;
  declare total_usd: number;
  declare energy_share: number;
  declare it_mw: number;
  declare facility_mw: number;
  declare energy_mwh: number;
  declare gpus: number;
  constructor(
    fleet: Breakdown,
    energyUsd: number,
    total: number,
    energyShare: number,
    itMw: number,
    facilityMw: number,
    energyMwh: number,
    gpus: number,
  ) {
    this.accelerators_usd = fleet.accelerators_usd;
    this.servers_usd = fleet.servers_usd;
    this.network_usd = fleet.network_usd;
    this.facility_usd = fleet.facility_usd;
    this.maintenance_usd = fleet.maintenance_usd;
    this.energy_usd = energyUsd;
    this.total_usd = total;
    this.energy_share = energyShare;
    this.it_mw = itMw;
    this.facility_mw = facilityMw;
    this.energy_mwh = energyMwh;
    this.gpus = gpus;
  }
}

class StepCostRecord {
  declare run: StepCost['run'];
  declare fleet_per_year: StepCost['fleet_per_year'];
  constructor(run: StepCost['run'], fleet: StepCost['fleet_per_year']) {
    this.run = run;
    this.fleet_per_year = fleet;
  }
}

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
  const trend = acceleratorPriceTrend(c, years); // one Math.pow per step, not per generation
  for (const name in q.gpus_by_generation) {
    const n = q.gpus_by_generation[name];
    const acc = p.hardware_by_name.get(name);
    if (!(n > 0) || !acc) continue;
    total += n;
    price += n * acceleratorPriceWithTrend(acc, c, trend);
    itW += n * itWattsPerGpu(acc, p);
  }
  const newest = newestAccelerator(p, s.year);
  if (total === 0) {
    total = 1;
    price = acceleratorPriceWithTrend(newest, c, trend);
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
  const prices = energyPricesUsdPerMwh(p, c, s.sites.length, s.year);
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
  const runCost = new RunCostRecord(
    run,
    gpus,
    s.training_days,
    m.price_usd,
    price,
    s.algorithms.effective_target_flop > 0 ? run.total_usd / s.algorithms.effective_target_flop : 0,
    s.target_flop > 0 ? run.total_usd / s.target_flop : 0,
  );
  const fleetCost = new FleetCostRecord(
    fleet,
    energyUsd,
    total,
    total > 0 ? energyUsd / total : 0,
    s.quantities.it_mw,
    s.quantities.facility_mw,
    energyMwh,
    fleetGpus,
  );
  return new StepCostRecord(runCost, fleetCost);
}
