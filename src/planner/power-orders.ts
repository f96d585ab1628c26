// Power orders. The planner projects the run the plan asks for at t + lookahead_years, turns it into
// facility MW (accelerators needed x IT watts x PUE) and orders the deficit against power in
// service and on order: on-site generation first (shorter lead time), then grid connections at the
// existing sites up to their maxima, then new campuses (site acquisition and a first grid connection,
// capped overall and per region). Grid orders are at least power.grid_order_mw.
import type { ModelShape } from '../moe/shape.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import type { Params, SiteSpec } from '../params/params.ts';
import { availablePowerMw, type World } from '../datacenter/world.ts';
import { interned } from '../params/interned.ts';
import type { Order } from './orders.ts';
import { pendingPowerMw, type Pending } from './pending.ts';
import { gridLeftMw, type GridLimit, type RegionGridBudget } from './grid-allowance.ts';
import { facilityMwPerGpu, project } from './projection.ts';
import type { PlannerMemo } from './memo.ts';

/** How many more campuses the planner may acquire in the new-site region. */
export function acquisitionsLeft(p: Params, world: World, pending: Pending): number {
  const n = p.planner.new_sites;
  let acquired = 0; // (in the object's key order, as Object.values would give them; no array per review)
  for (const region in world.acquired_by_region) acquired += world.acquired_by_region[region];
  const total = acquired + pending.acquisitions.length;
  const inRegion = (world.acquired_by_region[n.region] ?? 0) + pending.acquisitions.length;
  const regionCap = p.planner.region_caps[n.region] ?? Infinity;
  return Math.max(0, Math.min(n.max_sites - total, regionCap - inRegion));
}

export function newSiteSpec(p: Params, index: number): SiteSpec {
  const n = p.planner.new_sites;
  return {
    // interned, as normalize interns the scenario's site names (src/params/interned.ts): the steps key
    // records by site name, and a fresh name made a property key changes its instance type mid-run
    name: interned(`new-campus-${index}`),
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
  budget?: RegionGridBudget,
  memo?: PlannerMemo,
): { orders: Order[]; grid_limits: GridLimit[] } {
  const proj = project(p, world, t + p.planner.lookahead_years, makeProfile, memo);
  const gpus = proj.needed_flop_per_s / proj.sustained(proj.newest);
  const needMw =
    gpus * facilityMwPerGpu(p, world.sites[0]?.technology ?? p.planner.new_sites.cooling_technology, proj.newest);
  // plain loops, summed as the reductions from 0 they replace (every review runs this)
  let sitesMw = 0;
  for (let i = 0; i < world.sites.length; i++)
    sitesMw = sitesMw + availablePowerMw(world.sites[i]) + pendingPowerMw(pending, i);
  let acquiringMw = 0;
  for (const x of pending.acquisitions) acquiringMw += x.mw;
  const have = sitesMw + acquiringMw;
  let deficit = needMw - have;
  const out: Order[] = [];
  for (let i = 0; i < world.sites.length; i++) {
    const s = world.sites[i];
    const room = s.spec.max_onsite_generation_mw - s.onsite_mw - pending.onsite_mw[i];
    const take = Math.min(deficit, room);
    if (take >= 1) {
      out.push({ kind: 'onsite_generation', site: i, mw: take });
      deficit -= take;
    }
  }
  // new grid (connections and new campuses' first connections) within each region's allowance
  const grid = new RegionGridUse(budget, world, t);
  for (let i = 0; i < world.sites.length; i++) {
    const s = world.sites[i];
    const room = s.spec.max_grid_mw - s.grid_mw - pending.grid_mw[i];
    const wanted = Math.min(room, Math.max(deficit, p.power.grid_order_mw));
    if (!(deficit > 0 && wanted >= 1)) continue;
    const region = s.spec.region;
    const take = Math.min(wanted, grid.left(region));
    if (take < wanted) grid.capped(region, wanted, Math.max(0, take));
    if (take >= 1) {
      out.push({ kind: 'grid_connection', site: i, mw: take });
      grid.use(region, take);
      deficit -= take;
    }
  }
  let sitesLeft = acquisitionsLeft(p, world, pending);
  let index = world.sites.length + pending.acquisitions.length - p.sites.length + 1;
  while (deficit > 0 && sitesLeft > 0) {
    const spec = newSiteSpec(p, index);
    if (spec.grid_mw > grid.left(spec.region)) {
      grid.capped(spec.region, spec.grid_mw, Math.max(0, grid.left(spec.region)));
      break;
    }
    index++;
    out.push({ kind: 'site_acquisition', spec, mw: spec.grid_mw });
    grid.use(spec.region, spec.grid_mw);
    deficit -= spec.grid_mw;
    sitesLeft--;
  }
  return { orders: out, grid_limits: grid.limits() };
}

/** One review's new grid per region: what it ordered so far and where the allowance capped it. Its
 * maps are made on first use (most reviews order no grid), and the limits are read out by a loop
 * (a spread of map values goes through the iterator protocol every review). */
class RegionGridUse {
  private used: Map<string, number> | null = null;
  private capping: Map<string, GridLimit> | null = null;
  constructor(
    private readonly budget: RegionGridBudget | undefined,
    private readonly world: World,
    private readonly t: number,
  ) {}

  private usedIn(region: string): number {
    return this.used?.get(region) ?? 0;
  }

  /** MW still orderable in the region by this review. */
  left(region: string): number {
    return gridLeftMw(this.budget, this.world, region, this.t) - this.usedIn(region);
  }

  use(region: string, mw: number): void {
    (this.used ??= new Map()).set(region, this.usedIn(region) + mw);
  }

  /** The allowance capped an order: the most wanted in the region, and what was allowed then. */
  capped(region: string, wanted: number, allowed: number): void {
    const limits = (this.capping ??= new Map());
    const l = limits.get(region) ?? { at: this.t, region, wanted_mw: 0, allowed_mw: allowed + this.usedIn(region) };
    l.wanted_mw = Math.max(l.wanted_mw, wanted + this.usedIn(region));
    limits.set(region, l);
  }

  /** The limits, in the order their regions were first capped. */
  limits(): GridLimit[] {
    const out: GridLimit[] = [];
    if (this.capping) for (const l of this.capping.values()) out.push(l);
    return out;
  }
}
