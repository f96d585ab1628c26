// Power orders. The planner projects the run the plan asks for at t + lookahead_years, turns it into
// facility MW (accelerators needed x IT watts x PUE) and orders the deficit against power in
// service and on order: on-site generation first (shorter lead time), then grid connections at the
// existing sites up to their maxima, then new campuses (site acquisition and a first grid connection,
// capped overall and per region). Grid orders are at least power.grid_order_mw.
import type { ModelShape } from '../moe/shape.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import type { Params, SiteSpec } from '../params/params.ts';
import { availablePowerMw, type World } from '../datacenter/world.ts';
import type { Order } from './orders.ts';
import { pendingPowerMw, type Pending } from './pending.ts';
import { facilityMwPerGpu, project } from './projection.ts';

/** How many more campuses the planner may acquire in the new-site region. */
export function acquisitionsLeft(p: Params, world: World, pending: Pending): number {
  const n = p.planner.new_sites;
  const total = Object.values(world.acquired_by_region).reduce((a, x) => a + x, 0) + pending.acquisitions.length;
  const inRegion = (world.acquired_by_region[n.region] ?? 0) + pending.acquisitions.length;
  const regionCap = p.planner.region_caps[n.region] ?? Infinity;
  return Math.max(0, Math.min(n.max_sites - total, regionCap - inRegion));
}

export function newSiteSpec(p: Params, index: number): SiteSpec {
  const n = p.planner.new_sites;
  return {
    name: `new-campus-${index}`,
    region: n.region,
    grid_mw: n.first_grid_mw,
    max_grid_mw: n.max_grid_mw,
    onsite_generation_mw: 0,
    max_onsite_generation_mw: 0,
    cooling_technology: n.cooling_technology,
    cooling_capacity_mw: 0,
    distance_km: n.distance_km,
    energy_price_usd_per_mwh: n.energy_price_usd_per_mwh,
    installed: [],
  };
}

export function powerOrders(
  p: Params,
  world: World,
  pending: Pending,
  t: number,
  makeProfile: (s: ModelShape) => WorkloadProfile,
): Order[] {
  const proj = project(p, world, t + p.planner.lookahead_years, makeProfile);
  const gpus = proj.needed_flop_per_s / proj.sustained(proj.newest);
  const needMw =
    gpus * facilityMwPerGpu(p, world.sites[0]?.technology ?? p.planner.new_sites.cooling_technology, proj.newest);
  const have =
    world.sites.reduce((a, s, i) => a + availablePowerMw(s) + pendingPowerMw(pending, i), 0) +
    pending.acquisitions.reduce((a, x) => a + x.mw, 0);
  let deficit = needMw - have;
  const out: Order[] = [];
  for (const [i, s] of world.sites.entries()) {
    const room = s.spec.max_onsite_generation_mw - s.onsite_mw - pending.onsite_mw[i];
    const take = Math.min(deficit, room);
    if (take >= 1) {
      out.push({ kind: 'onsite_generation', site: i, mw: take });
      deficit -= take;
    }
  }
  for (const [i, s] of world.sites.entries()) {
    const room = s.spec.max_grid_mw - s.grid_mw - pending.grid_mw[i];
    const take = Math.min(room, Math.max(deficit, p.power.grid_order_mw));
    if (deficit > 0 && take >= 1) {
      out.push({ kind: 'grid_connection', site: i, mw: take });
      deficit -= take;
    }
  }
  let left = acquisitionsLeft(p, world, pending);
  let index = world.sites.length + pending.acquisitions.length - p.sites.length + 1;
  while (deficit > 0 && left > 0) {
    const spec = newSiteSpec(p, index++);
    out.push({ kind: 'site_acquisition', spec, mw: spec.grid_mw });
    deficit -= spec.grid_mw;
    left--;
  }
  return out;
}
