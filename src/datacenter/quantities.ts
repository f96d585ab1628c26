// The quantities behind one step's walls and coupled solve, for tables, reports and checks (the
// fleet installed and running, the run's operating point, power and heat, supply delivered).
import { peakAt } from '../params/params.ts';
import type { SiteStep, StepQuantities, StepRouting } from '../result/types.ts';
import type { StepComm } from '../workload/step-comm.ts';
import type { StepFloor } from '../walls/step-floor.ts';
import type { Solution } from './achievable.ts';
import { sustainedFlopPerS } from './frame.ts';
import type { StepInputs } from './step-inputs.ts';
import type { World } from './world.ts';

export function stepQuantities(
  x: StepInputs,
  s: Solution,
  floor: StepFloor,
  tokensNeeded: number,
  tokensAvailable: number,
): StepQuantities {
  let installed = 0;
  let running = 0;
  let peak = 0;
  let hbm = 0;
  let sustained = 0;
  let computeBound = 0;
  let itW = 0;
  let itMw = 0;
  let facilityMw = 0;
  const byGen: Record<string, number> = {};
  x.frames.forEach((site, i) => {
    const op = s.ops[i];
    itMw += op.it_mw;
    facilityMw += op.it_mw * site.pue;
    site.gens.forEach((g, j) => {
      installed += g.count;
      byGen[g.acc.name] = (byGen[g.acc.name] ?? 0) + g.count;
      peak += g.count * peakAt(g.acc, x.precision);
      hbm += g.count * g.acc.hbm_bytes;
      const n = op.running[j];
      running += n;
      sustained += n * sustainedFlopPerS(g);
      computeBound += n * g.compute_flop_per_s;
      itW += n * g.it_w;
    });
  });
  const d = x.demand;
  const perItW =
    itW > 0 ? (sustained * s.comm_efficiency) / itW : sustainedFlopPerS(x.newestFrame) / x.walls.it_w(x.newest);
  const pue = itMw > 0 ? facilityMw / itMw : (x.walls.sites[0]?.pue ?? 1);
  const runFlopPerS = d.target_flop / d.training_seconds;
  const chosen = x.comm(s.run, 1);
  const q: StepQuantities = {
    gpus_installed: installed,
    gpus_running: running,
    gpus_for_run: s.gpus,
    gpus_by_generation: byGen,
    run_share: d.run_share,
    precision: x.precision,
    peak_flop_per_s: peak,
    effective_flop_per_s: s.flop_per_s,
    mfu: x.runMfu(s.run),
    mfu_source: x.mfu_source,
    roofline_fraction:
      computeBound > 0 ? sustained / computeBound : sustainedFlopPerS(x.newestFrame) / x.newestFrame.compute_flop_per_s,
    arithmetic_intensity_flop_per_byte: x.point.arithmetic_intensity,
    // the router's share (straggler, dropped copies) is reported apart, in `routing`
    exposed_comm_fraction: Math.max(0, 1 - s.comm_efficiency - routerShare(chosen)),
    comm_time_per_step_s: chosen.comm_s,
    network_method: chosen.method,
    critical_batch_tokens: x.criticalBatch,
    optimizer_steps: tokensNeeded / x.criticalBatch,
    step_floor_s: floor.total_s,
    latency_floor_s: floor.latency_s,
    it_mw: itMw,
    facility_mw: facilityMw,
    heat_mw: itMw,
    pue,
    available_power_mw: x.walls.sites.reduce((a, site) => a + site.available_mw, 0),
    cooling_capacity_mw: x.walls.sites.reduce((a, site) => a + site.cooling_mw, 0),
    run_it_mw_needed: runFlopPerS / perItW / 1e6,
    run_facility_mw_needed: (runFlopPerS / perItW / 1e6) * pue,
    hbm_tb_installed: hbm / 1e12,
    supply_gpus: x.walls.supply_gpus.reduce((a, g) => a + g.count, 0),
    hbm_supply_gpus: x.walls.hbm_supply_gpus.reduce((a, g) => a + g.count, 0),
    params_total: x.profile.total_params,
    params_active: x.profile.active_params,
    tokens_needed: tokensNeeded,
    tokens_available: tokensAvailable,
  };
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
  return {
    tokens_per_rank: r.tokens_per_rank,
    routing_tokens: r.routing_tokens,
    ep_devices: r.ep_devices,
    nodes: r.nodes,
    chance_cv_expert: r.chance_cv_expert,
    learned_cv_expert: r.learned_cv_expert,
    cv_device: r.cv_device,
    cv_node: r.cv_node,
    imbalance_device: r.imbalance_device,
    imbalance_nic: r.imbalance_nic,
    overflow_fraction: r.overflow_fraction,
    reroute_fraction: r.reroute_fraction,
    drop_fraction: r.drop_fraction,
    straggler_fraction: shareOfStep(c.straggler_s, step),
    dropped_fraction: shareOfStep(c.dropped_s, step),
  };
}

/** Share of step time the router costs: the busiest GPU's extra work and dropped copies' compute. */
function routerShare(c: StepComm): number {
  return shareOfStep(c.straggler_s + c.dropped_s, c.compute_s + c.exposed_s + c.straggler_s);
}

/** part / step; 0 when there is no finite step (a run of 0 GPUs takes forever: Infinity / Infinity). */
function shareOfStep(part: number, step: number): number {
  return step > 0 && Number.isFinite(step) ? part / step : 0;
}

export function siteSteps(x: StepInputs, world: World, s: Solution): SiteStep[] {
  const out: SiteStep[] = [];
  for (let i = 0; i < x.frames.length; i++) {
    const site = x.frames[i];
    const op = s.ops[i];
    const w = world.sites[i];
    let gpus = 0;
    let rack = 0;
    for (const g of site.gens) {
      gpus += g.count; // summed from 0 in generation order, as a reduce would
      rack = Math.max(rack, g.rack_kw);
    }
    out.push({
      name: site.name,
      region: w.spec.region,
      gpus,
      stranded_gpus: op.stranded,
      grid_mw: w.grid_mw,
      onsite_generation_mw: w.onsite_mw,
      cooling_technology: w.technology,
      cooling_capacity_mw: w.cooling_capacity_mw,
      rack_kw: rack,
      it_mw: op.it_mw,
      facility_mw: op.it_mw * site.pue,
      pue: site.pue,
      limited_by: op.limited_by,
    });
  }
  return out;
}
