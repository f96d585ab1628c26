// Accelerator orders. The planner projects the fleet at t + (delivery lead time p90 + one review)
// and buys the newest generation for the shortfall against the run the plan asks for then, within
// this review's accelerator supply, the accelerators its HBM supply can equip, and the power the
// sites can ever reach (including campuses still to acquire). Each purchase records what capped it,
// which is how the coupled solve attributes an accelerator shortfall to the compute, memory or
// power wall. Orders name the site they go to: the one with the most projected spare power whose
// racks fit its cooling (or a retrofit on order).
import type { ModelShape } from '../moe/shape.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import { availableAccelerator, rackKw, type AcceleratorSpec, type Params } from '../params/params.ts';
import type { PurchaseLimit } from '../result/types.ts';
import { fitsDensity } from '../walls/cooling.ts';
import { availablePowerMw, isAlive, type World } from '../datacenter/world.ts';
import { inService, LiveCohorts } from './live-cohorts.ts';
import type { Order } from './orders.ts';
import { pendingPowerMw, type Pending } from './pending.ts';
import { acquisitionsLeft } from './power-orders.ts';
import { FacilityMwByName, SpecByName, zeros } from './cohort-rates.ts';
import { facilityMwPerGpu, project } from './projection.ts';
import type { PlannerMemo } from './memo.ts';
import type { CoolingTechnology } from '../scenario/types.gen.ts';

export interface SupplyLeft {
  gpus: number;
  hbm_tb: number;
}

/** Facility MW the sites could ever reach, with campuses on order and still acquirable. */
export function reachableMw(p: Params, world: World, pending: Pending): number {
  // plain loops (sums in site and order order, as reductions from 0 would): every review calls this
  let existing = 0;
  for (const s of world.sites)
    existing =
      existing + Math.max(s.spec.max_grid_mw, s.grid_mw) + Math.max(s.spec.max_onsite_generation_mw, s.onsite_mw);
  let ordered = 0;
  for (const x of pending.acquisitions) ordered += x.spec.max_grid_mw;
  return existing + ordered + acquisitionsLeft(p, world, pending) * p.planner.new_sites.max_grid_mw;
}

/** The site for new accelerators: racks fit its cooling now (2), or once a retrofit on order lands (1),
 * then the most spare MW. */
export function chooseSite(p: Params, world: World, pending: Pending, acc: AcceleratorSpec, t: number): number {
  const techs = siteTechs(world, pending);
  // facility MW already committed per site (in service at t, or on order), in one pass over the cohorts
  const committed = zeros(world.sites.length);
  const mw = new FacilityMwByName(p);
  const add = (c: { site: number; count: number; accelerator: string }) => {
    committed[c.site] += c.count * mw.of(techs[c.site], c.accelerator);
  };
  for (const c of world.cohorts) if (isAlive(c, t)) add(c);
  for (const g of pending.gpus) add(g);
  return bestSite(p, world, pending, acc, techs, committed);
}

/** Each site's cooling technology once the retrofits on order land. */
function siteTechs(world: World, pending: Pending): CoolingTechnology[] {
  const techs: CoolingTechnology[] = [];
  for (let i = 0; i < world.sites.length; i++) techs.push(pending.retrofit[i] ?? world.sites[i].technology);
  return techs;
}

/** chooseSite's pick given the sites' technologies after retrofits and their committed facility MW. */
function bestSite(
  p: Params,
  world: World,
  pending: Pending,
  acc: AcceleratorSpec,
  techs: readonly CoolingTechnology[],
  committed: readonly number[],
): number {
  const rack = rackKw(acc, p);
  let best = 0;
  let bestFits = -1;
  let bestSpare = -Infinity;
  for (let i = 0; i < world.sites.length; i++) {
    const s = world.sites[i];
    const fitsNow = fitsDensity(rack, p.cooling.technologies[s.technology]);
    const fits = fitsNow ? 2 : fitsDensity(rack, p.cooling.technologies[techs[i]]) ? 1 : 0;
    const spare = availablePowerMw(s) + pendingPowerMw(pending, i) - committed[i];
    if (fits > bestFits || (fits === bestFits && spare > bestSpare)) {
      best = i;
      bestFits = fits;
      bestSpare = spare;
    }
  }
  return best;
}

export function gpuOrders(
  p: Params,
  world: World,
  pending: Pending,
  left: SupplyLeft,
  t: number,
  makeProfile: (s: ModelShape) => WorkloadProfile,
  memo?: PlannerMemo,
): { orders: Order[]; purchase: PurchaseLimit | null } {
  const g = availableAccelerator(p, t);
  if (!g || world.sites.length === 0) return { orders: [], purchase: null };
  const tg =
    t + Math.min(p.planner.lookahead_years, p.planner.lead_times.gpu_delivery.p90_years + p.planner.review_every_years);
  const proj = project(p, world, tg, makeProfile, memo);
  const hw = new SpecByName(p);
  // accelerators count if still in service one delivery lead time (p90) after tg, so retirements are
  // replaced even when the replacements land late. One pass over the cohorts in service at t (and
  // one over those on order) sums what the fleet sustains then, the facility MW committed now and,
  // for chooseSite, per site with the retrofits on order (each sum in cohort order, as separate
  // loops would; a site with no retrofit on order has the same term in both).
  const stillIn = tg + p.planner.lead_times.gpu_delivery.p90_years;
  const techs = siteTechs(world, pending);
  const bySite = zeros(world.sites.length);
  const mw = new FacilityMwByName(p);
  const mwAfter = new FacilityMwByName(p);
  let have = 0;
  let committedMw = 0;
  // the cohorts in service at the earlier of t and stillIn (t, as the schema's lead times are > 0)
  const from = Math.min(t, stillIn);
  const cohorts = memo && from === t ? memo.live.at(world, t) : new LiveCohorts().at(world, from);
  // the same name often comes again: its sustained FLOP/s is kept (a pure function of the name)
  let lastName = '';
  let lastSustained = NaN;
  for (let i = 0; i < cohorts.length; i++) {
    const name = cohorts.accelerator[i];
    const count = cohorts.count[i];
    const site = cohorts.site[i];
    const retireAt = cohorts.retire_at[i];
    if (inService(retireAt, stillIn)) {
      if (name !== lastName) {
        lastSustained = proj.sustained(hw.of(name));
        lastName = name;
      }
      have += count * lastSustained;
    }
    if (inService(retireAt, t)) {
      const tech = world.sites[site].technology;
      const term = count * mw.of(tech, name);
      committedMw += term;
      const after = techs[site];
      bySite[site] += after === tech ? term : count * mwAfter.of(after, name);
    }
  }
  for (let i = 0; i < pending.gpus.length; i++) {
    const c = pending.gpus[i];
    have += c.count * proj.sustained(hw.of(c.accelerator));
    const tech = world.sites[c.site].technology;
    const term = c.count * mw.of(tech, c.accelerator);
    committedMw += term;
    const after = techs[c.site];
    bySite[c.site] += after === tech ? term : c.count * mwAfter.of(after, c.accelerator);
  }
  const wanted = Math.max(0, (proj.needed_flop_per_s - have) / proj.sustained(g));
  const mwPerGpu = facilityMwPerGpu(p, world.sites[0].technology, g);
  // each cap below what is still to buy takes its place and names the limit (supply, HBM, power)
  let limited: PurchaseLimit['limited_by'] = 'none';
  let bought = wanted;
  const supplyCap = left.gpus;
  if (supplyCap < bought) {
    limited = 'accelerator supply';
    bought = supplyCap;
  }
  const hbmCap = (left.hbm_tb * 1e12) / g.hbm_bytes;
  if (hbmCap < bought) {
    limited = 'HBM supply';
    bought = hbmCap;
  }
  const powerCap = Math.max(0, (reachableMw(p, world, pending) - committedMw) / mwPerGpu);
  if (powerCap < bought) {
    limited = 'reachable power';
    bought = powerCap;
  }
  bought = Math.floor(bought);
  if (wanted < 1) return { orders: [], purchase: null };
  const purchase = new PurchaseRecord(t, wanted, bought, limited, g.name);
  if (bought < 1) return { orders: [], purchase };
  const site = bestSite(p, world, pending, g, techs, bySite);
  const service_from = t + p.planner.lead_times.gpu_delivery.median_years;
  return { orders: [{ kind: 'gpu_delivery', site, accelerator: g.name, count: bought, service_from }], purchase };
}

/** A PurchaseLimit built by a constructor, not a literal (its fields in the result's key order): the
 * purchases live as long as their run, so V8 pretenured the literal's allocation site and built every
 * later run's purchases in old space, where they died with the run (src/params/packed-map.ts). */
class PurchaseRecord implements PurchaseLimit {
  constructor(
    readonly at: number,
    readonly wanted: number,
    readonly bought: number,
    readonly limited_by: PurchaseLimit['limited_by'],
    readonly item: string,
  ) {}
}
