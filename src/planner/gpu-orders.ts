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
import type { Order } from './orders.ts';
import { pendingPowerMw, type Pending } from './pending.ts';
import { acquisitionsLeft } from './power-orders.ts';
import { FacilityMwByName, SpecByName } from './cohort-rates.ts';
import { facilityMwPerGpu, project, type Projections } from './projection.ts';

export interface SupplyLeft {
  gpus: number;
  hbm_tb: number;
}

/** Facility MW the sites could ever reach, with campuses on order and still acquirable. */
export function reachableMw(p: Params, world: World, pending: Pending): number {
  const existing = world.sites.reduce(
    (a, s) => a + Math.max(s.spec.max_grid_mw, s.grid_mw) + Math.max(s.spec.max_onsite_generation_mw, s.onsite_mw),
    0,
  );
  const ordered = pending.acquisitions.reduce((a, x) => a + x.spec.max_grid_mw, 0);
  return existing + ordered + acquisitionsLeft(p, world, pending) * p.planner.new_sites.max_grid_mw;
}

/** The site for new accelerators: racks fit its cooling now (2), or once a retrofit on order lands (1),
 * then the most spare MW. */
export function chooseSite(p: Params, world: World, pending: Pending, acc: AcceleratorSpec, t: number): number {
  const rack = rackKw(acc, p);
  const techs = world.sites.map((s, i) => pending.retrofit[i] ?? s.technology);
  // facility MW already committed per site (in service at t, or on order), in one pass over the cohorts
  const committed = new Array<number>(world.sites.length).fill(0);
  const mw = new FacilityMwByName(p);
  const add = (c: { site: number; count: number; accelerator: string }) => {
    committed[c.site] += c.count * mw.of(techs[c.site], c.accelerator);
  };
  for (const c of world.cohorts) if (isAlive(c, t)) add(c);
  for (const g of pending.gpus) add(g);
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
  projections?: Projections,
): { orders: Order[]; purchase: PurchaseLimit | null } {
  const g = availableAccelerator(p, t);
  if (!g || world.sites.length === 0) return { orders: [], purchase: null };
  const tg =
    t + Math.min(p.planner.lookahead_years, p.planner.lead_times.gpu_delivery.p90_years + p.planner.review_every_years);
  const proj = project(p, world, tg, makeProfile, projections);
  const hw = new SpecByName(p);
  // accelerators count if still in service one delivery lead time (p90) after tg, so retirements are
  // replaced even when the replacements land late
  // (plain loops, no copied arrays: a review runs every quarter of every run; sums in cohort order)
  const stillIn = tg + p.planner.lead_times.gpu_delivery.p90_years;
  let have = 0;
  for (const c of world.cohorts) if (isAlive(c, stillIn)) have += c.count * proj.sustained(hw.of(c.accelerator));
  for (const c of pending.gpus) have += c.count * proj.sustained(hw.of(c.accelerator));
  const wanted = Math.max(0, (proj.needed_flop_per_s - have) / proj.sustained(g));
  const mwPerGpu = facilityMwPerGpu(p, world.sites[0].technology, g);
  let committedMw = 0;
  const mw = new FacilityMwByName(p);
  const addMw = (c: { site: number; count: number; accelerator: string }) => {
    committedMw += c.count * mw.of(world.sites[c.site].technology, c.accelerator);
  };
  for (const c of world.cohorts) if (isAlive(c, t)) addMw(c);
  for (const c of pending.gpus) addMw(c);
  const caps: [PurchaseLimit['limited_by'], number][] = [
    ['accelerator supply', left.gpus],
    ['HBM supply', (left.hbm_tb * 1e12) / g.hbm_bytes],
    ['reachable power', Math.max(0, (reachableMw(p, world, pending) - committedMw) / mwPerGpu)],
  ];
  let limited: PurchaseLimit['limited_by'] = 'none';
  let bought = wanted;
  for (const [name, cap] of caps) if (cap < bought) [limited, bought] = [name, cap];
  bought = Math.floor(bought);
  if (wanted < 1) return { orders: [], purchase: null };
  const purchase: PurchaseLimit = { at: t, wanted, bought, limited_by: limited, item: g.name };
  if (bought < 1) return { orders: [], purchase };
  const site = chooseSite(p, world, pending, g, t);
  const service_from = t + p.planner.lead_times.gpu_delivery.median_years;
  return { orders: [{ kind: 'gpu_delivery', site, accelerator: g.name, count: bought, service_from }], purchase };
}
