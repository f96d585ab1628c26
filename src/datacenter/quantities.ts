// The quantities behind one step's walls and coupled solve, for tables, reports and checks (the
// fleet installed and running, the run's operating point, power and heat, supply delivered).
import { peakAt } from '../params/params.ts';
import type { SiteStep, StepQuantities, StepRouting } from '../result/types.ts';
import type { StepComm } from '../workload/step-comm.ts';
import type { StepFloor } from '../walls/step-floor.ts';
import type { Solution } from './achievable.ts';
import { sustainedFlopPerS, type SiteFrame } from './frame.ts';
import type { SiteOperation } from './operate.ts';
import type { StepInputs } from './step-inputs.ts';
import type { RoutingImbalance } from '../workload/imbalance-law.ts';
import type { World } from './world.ts';

/** StepQuantitiesRecord's generations and their installed counts (process-wide scratch, the first
 * entries of a call overwritten: it never runs inside itself, and nothing reads them after it). */
const GEN_NAMES: string[] = [];
const GEN_COUNTS: number[] = [];

/** StepQuantities built by a constructor, not an object literal: the literal's allocation site was
 * among this run's slowest lines (V8 pretenured it and built each one on a slow path), a class
 * instance is allocated young and inline. Fields assigned in the result's key order; `declare`
 * emits no class fields, so nothing else becomes a key. */
class StepQuantitiesRecord {
  declare gpus_installed: StepQuantities['gpus_installed'];
  declare gpus_running: StepQuantities['gpus_running'];
  declare gpus_for_run: StepQuantities['gpus_for_run'];
  declare gpus_by_generation: StepQuantities['gpus_by_generation'];
  declare run_share: StepQuantities['run_share'];
  declare precision: StepQuantities['precision'];
  declare peak_flop_per_s: StepQuantities['peak_flop_per_s'];
  declare effective_flop_per_s: StepQuantities['effective_flop_per_s'];
  declare mfu: StepQuantities['mfu'];
  declare mfu_source: StepQuantities['mfu_source'];
  declare roofline_fraction: StepQuantities['roofline_fraction'];
  declare arithmetic_intensity_flop_per_byte: StepQuantities['arithmetic_intensity_flop_per_byte'];
  declare exposed_comm_fraction: StepQuantities['exposed_comm_fraction'];
  declare comm_time_per_step_s: StepQuantities['comm_time_per_step_s'];
  declare network_method: StepQuantities['network_method'];
  declare critical_batch_tokens: StepQuantities['critical_batch_tokens'];
  declare optimizer_steps: StepQuantities['optimizer_steps'];
  declare step_floor_s: StepQuantities['step_floor_s'];
  declare latency_floor_s: StepQuantities['latency_floor_s'];
  declare it_mw: StepQuantities['it_mw'];
  declare facility_mw: StepQuantities['facility_mw'];
  declare heat_mw: StepQuantities['heat_mw'];
  declare pue: StepQuantities['pue'];
  declare available_power_mw: StepQuantities['available_power_mw'];
  declare cooling_capacity_mw: StepQuantities['cooling_capacity_mw'];
  declare run_it_mw_needed: StepQuantities['run_it_mw_needed'];
  declare run_facility_mw_needed: StepQuantities['run_facility_mw_needed'];
  declare hbm_tb_installed: StepQuantities['hbm_tb_installed'];
  declare supply_gpus: StepQuantities['supply_gpus'];
  declare hbm_supply_gpus: StepQuantities['hbm_supply_gpus'];
  declare params_total: StepQuantities['params_total'];
  declare params_active: StepQuantities['params_active'];
  declare tokens_needed: StepQuantities['tokens_needed'];
  declare tokens_available: StepQuantities['tokens_available'];
  declare routing?: StepRouting;
  constructor(
    x: StepInputs,
    s: Solution,
    chosen: StepComm,
    floor: StepFloor,
    tokensNeeded: number,
    tokensAvailable: number,
  ) {
    let installed = 0;
    let running = 0;
    let peak = 0;
    let hbm = 0;
    let sustained = 0;
    let computeBound = 0;
    let itW = 0;
    let itMw = 0;
    let facilityMw = 0;
    // installed per generation, summed in frame order into a few arrays and written to the record
    // once per generation (a keyed read-modify-write per site and generation was this loop's cost)
    const genNames = GEN_NAMES;
    const genCounts = GEN_COUNTS;
    let nGens = 0;
    for (let i = 0; i < x.frames.length; i++) {
      const site = x.frames[i];
      const op = s.ops[i];
      itMw += op.it_mw;
      facilityMw += op.it_mw * site.pue;
      for (let j = 0; j < site.gens.length; j++) {
        const g = site.gens[j];
        installed += g.count;
        let k = 0;
        while (k < nGens && genNames[k] !== g.acc.name) k++;
        if (k === nGens) {
          genNames[nGens] = g.acc.name;
          genCounts[nGens++] = 0 + g.count; // (byGen[name] ?? 0) + count, as the record's first write
        } else genCounts[k] += g.count;
        peak += g.count * peakAt(g.acc, x.precision);
        hbm += g.count * g.acc.hbm_bytes;
        const n = op.running[j];
        running += n;
        sustained += n * sustainedFlopPerS(g);
        computeBound += n * g.compute_flop_per_s;
        itW += n * g.it_w;
      }
    }
    const byGen: Record<string, number> = {};
    for (let k = 0; k < nGens; k++) byGen[genNames[k]] = genCounts[k];
    const d = x.demand;
    const perItW =
      itW > 0 ? (sustained * s.comm_efficiency) / itW : sustainedFlopPerS(x.newestFrame) / x.walls.it_w(x.newest);
    const pue = itMw > 0 ? facilityMw / itMw : (x.walls.sites[0]?.pue ?? 1);
    const runFlopPerS = d.target_flop / d.training_seconds;
    this.gpus_installed = installed;
    this.gpus_running = running;
    this.gpus_for_run = s.gpus;
    this.gpus_by_generation = byGen;
    this.run_share = d.run_share;
    this.precision = x.precision;
    this.peak_flop_per_s = peak;
    this.effective_flop_per_s = s.flop_per_s;
    this.mfu = x.runMfu(s.run);
    this.mfu_source = x.mfu_source;
    this.roofline_fraction =
      computeBound > 0 ? sustained / computeBound : sustainedFlopPerS(x.newestFrame) / x.newestFrame.compute_flop_per_s;
    this.arithmetic_intensity_flop_per_byte = x.point.arithmetic_intensity;
    // the router's share (straggler, dropped copies) is reported apart, in `routing`
    this.exposed_comm_fraction = Math.max(0, 1 - s.comm_efficiency - routerShare(chosen));
    this.comm_time_per_step_s = chosen.comm_s;
    this.network_method = chosen.method;
    this.critical_batch_tokens = x.criticalBatch;
    this.optimizer_steps = tokensNeeded / x.criticalBatch;
    this.step_floor_s = floor.total_s;
    this.latency_floor_s = floor.latency_s;
    this.it_mw = itMw;
    this.facility_mw = facilityMw;
    this.heat_mw = itMw;
    this.pue = pue;
    this.available_power_mw = x.walls.sites.reduce((a, site) => a + site.available_mw, 0);
    this.cooling_capacity_mw = x.walls.sites.reduce((a, site) => a + site.cooling_mw, 0);
    this.run_it_mw_needed = runFlopPerS / perItW / 1e6;
    this.run_facility_mw_needed = (runFlopPerS / perItW / 1e6) * pue;
    this.hbm_tb_installed = hbm / 1e12;
    this.supply_gpus = x.walls.supply_gpus.reduce((a, g) => a + g.count, 0);
    this.hbm_supply_gpus = x.walls.hbm_supply_gpus.reduce((a, g) => a + g.count, 0);
    this.params_total = x.profile.total_params;
    this.params_active = x.profile.active_params;
    this.tokens_needed = tokensNeeded;
    this.tokens_available = tokensAvailable;
  }
}

/** `chosen`: the achievable run's communication, x.comm(s.run, 1) (the assessment has it already). */
export function stepQuantities(
  x: StepInputs,
  s: Solution,
  chosen: StepComm,
  floor: StepFloor,
  tokensNeeded: number,
  tokensAvailable: number,
): StepQuantities {
  const q: StepQuantities = new StepQuantitiesRecord(x, s, chosen, floor, tokensNeeded, tokensAvailable);
  // added last, as a spread of { routing } would (the result's key order); MoE families only
  const routing = routingQuantities(x, s, chosen);
  if (routing) q.routing = routing;
  return q;
}

/** The imbalance law at the achievable run's placement and what it cost (MoE families only). Written
 * field by field in RoutingImbalance's order: on Node 20 a spread-then-add literal ({ ...r, k })
 * gets a hidden class of its own per object (~90 us each, a third of this file's self time). */
function routingQuantities(x: StepInputs, s: Solution, c: StepComm): StepRouting | null {
  const r = x.routingAt(s.run.scale_up_domain_gpus);
  if (!r) return null;
  const step = c.compute_s + c.exposed_s + c.straggler_s;
  return new StepRoutingRecord(r, shareOfStep(c.straggler_s, step), shareOfStep(c.dropped_s, step));
}

/** StepRouting by a constructor, not a literal: V8 pretenured the literal's site (as siteSteps'
 * array), and each record in old space kept its young numbers alive until a full collection.
 * Fields assigned in the result's key order; `declare` emits no class fields. */
class StepRoutingRecord {
  declare tokens_per_rank: StepRouting['tokens_per_rank'];
  declare routing_tokens: StepRouting['routing_tokens'];
  declare ep_devices: StepRouting['ep_devices'];
  declare nodes: StepRouting['nodes'];
  declare chance_cv_expert: StepRouting['chance_cv_expert'];
  declare learned_cv_expert: StepRouting['learned_cv_expert'];
  declare cv_device: StepRouting['cv_device'];
  declare cv_node: StepRouting['cv_node'];
  declare imbalance_device: StepRouting['imbalance_device'];
  declare imbalance_nic: StepRouting['imbalance_nic'];
  declare overflow_fraction: StepRouting['overflow_fraction'];
  declare reroute_fraction: StepRouting['reroute_fraction'];
  declare drop_fraction: StepRouting['drop_fraction'];
  declare straggler_fraction: StepRouting['straggler_fraction'];
  declare dropped_fraction: StepRouting['dropped_fraction'];
  constructor(r: RoutingImbalance, straggler: number, dropped: number) {
    this.tokens_per_rank = r.tokens_per_rank;
    this.routing_tokens = r.routing_tokens;
    this.ep_devices = r.ep_devices;
    this.nodes = r.nodes;
    this.chance_cv_expert = r.chance_cv_expert;
    this.learned_cv_expert = r.learned_cv_expert;
    this.cv_device = r.cv_device;
    this.cv_node = r.cv_node;
    this.imbalance_device = r.imbalance_device;
    this.imbalance_nic = r.imbalance_nic;
    this.overflow_fraction = r.overflow_fraction;
    this.reroute_fraction = r.reroute_fraction;
    this.drop_fraction = r.drop_fraction;
    this.straggler_fraction = straggler;
    this.dropped_fraction = dropped;
  }
}

/** Share of step time the router costs: the busiest GPU's extra work and dropped copies' compute. */
function routerShare(c: StepComm): number {
  return shareOfStep(c.straggler_s + c.dropped_s, c.compute_s + c.exposed_s + c.straggler_s);
}

/** part / step; 0 when there is no finite step (a run of 0 GPUs takes forever: Infinity / Infinity). */
function shareOfStep(part: number, step: number): number {
  return step > 0 && Number.isFinite(step) ? part / step : 0;
}

/** One site's step, built by a constructor for the reason StepQuantitiesRecord is (this literal was
 * the slowest line of its function); fields in the result's key order. */
class SiteStepRecord {
  declare name: SiteStep['name'];
  declare region: SiteStep['region'];
  declare gpus: SiteStep['gpus'];
  declare stranded_gpus: SiteStep['stranded_gpus'];
  declare grid_mw: SiteStep['grid_mw'];
  declare onsite_generation_mw: SiteStep['onsite_generation_mw'];
  declare cooling_technology: SiteStep['cooling_technology'];
  declare cooling_capacity_mw: SiteStep['cooling_capacity_mw'];
  declare rack_kw: SiteStep['rack_kw'];
  declare it_mw: SiteStep['it_mw'];
  declare facility_mw: SiteStep['facility_mw'];
  declare pue: SiteStep['pue'];
  declare limited_by: SiteStep['limited_by'];
  constructor(site: SiteFrame, w: World['sites'][number], op: SiteOperation, gpus: number, rack: number) {
    this.name = site.name;
    this.region = w.spec.region;
    this.gpus = gpus;
    this.stranded_gpus = op.stranded;
    this.grid_mw = w.grid_mw;
    this.onsite_generation_mw = w.onsite_mw;
    this.cooling_technology = w.technology;
    this.cooling_capacity_mw = w.cooling_capacity_mw;
    this.rack_kw = rack;
    this.it_mw = op.it_mw;
    this.facility_mw = op.it_mw * site.pue;
    this.pue = site.pue;
    this.limited_by = op.limited_by;
  }
}

/** Built by map, not pushed onto a literal: V8 pretenured the literal's site (a derived-MFU run's
 * first steps search plans, so every step's records outlived scavenges then), and an array left in
 * old space when its run ended kept its young records alive through scavenges until a full
 * collection (issue 18: most of what the derived path promoted). */
export function siteSteps(x: StepInputs, world: World, s: Solution): SiteStep[] {
  return x.frames.map((site, i) => {
    const op = s.ops[i];
    const w = world.sites[i];
    let gpus = 0;
    let rack = 0;
    for (const g of site.gens) {
      gpus += g.count; // summed from 0 in generation order, as a reduce would
      rack = Math.max(rack, g.rack_kw);
    }
    return new SiteStepRecord(site, w, op, gpus, rack);
  });
}
