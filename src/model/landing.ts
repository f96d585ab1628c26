// Landing a buildout: power and cooling plant grow at their site, a retrofit switches the site's
// cooling technology, accelerators join the site they were ordered for, an acquired campus becomes a
// site with its first grid connection. Mutates the world; returns a short description for the log.
import type { CoolingTechnology } from '../scenario/types.gen.ts';
import type { SiteSpec } from '../params/params.ts';
import type { Params } from '../params/params.ts';
import type { World } from '../datacenter/world.ts';
import type { Order } from '../planner/orders.ts';

/** Adds landed accelerators; they retire `retirement_years` after `serviceFrom` (their planned
 * delivery, so a late delivery does not outlive the supply that bought it). */
export function addGpus(
  world: World,
  p: Params,
  accelerator: string,
  count: number,
  t: number,
  site: number,
  serviceFrom = t,
): string {
  pushGpus(world, p, accelerator, count, t, site, serviceFrom);
  return `${fmt(count)} ${accelerator} at ${world.sites[site].spec.name}`;
}

function pushGpus(
  world: World,
  p: Params,
  accelerator: string,
  count: number,
  t: number,
  site: number,
  serviceFrom: number,
): void {
  world.cohorts.push({ site, accelerator, count, landed_at: t, retire_at: serviceFrom + p.compute.retirement_years });
}

export function addPower(world: World, site: number, mw: number, kind: 'grid' | 'onsite'): string {
  const s = world.sites[site];
  growPower(world, site, mw, kind);
  return `${kind === 'grid' ? 'grid' : 'on-site generation'} +${fmt(mw)} MW at ${s.spec.name}`;
}

function growPower(world: World, site: number, mw: number, kind: 'grid' | 'onsite'): void {
  const s = world.sites[site];
  if (kind === 'grid') s.grid_mw += mw;
  else s.onsite_mw += mw;
}

export function addCooling(world: World, site: number, mw: number): string {
  world.sites[site].cooling_capacity_mw += mw;
  return `cooling plant +${fmt(mw)} MW at ${world.sites[site].spec.name}`;
}

export function retrofit(world: World, site: number, technology: CoolingTechnology): string {
  const s = world.sites[site];
  const from = s.technology;
  s.technology = technology;
  return `cooling retrofit ${from} -> ${technology} at ${s.spec.name}`;
}

/** A campus acquired: a new site with its first grid connection. */
function pushSite(world: World, spec: SiteSpec, t: number): void {
  world.sites.push({
    spec,
    grid_mw: spec.grid_mw,
    onsite_mw: 0,
    technology: spec.cooling_technology,
    cooling_capacity_mw: spec.cooling_capacity_mw ?? 0,
    since: t,
  });
}

/** Lands a planner's order. No text: the order's buildout record describes it (the scripted
 * events, which have none, use the add* functions above). */
export function land(world: World, p: Params, o: Order, t: number): void {
  switch (o.kind) {
    case 'gpu_delivery':
      return pushGpus(world, p, o.accelerator, o.count, t, o.site, o.service_from);
    case 'grid_connection':
      return growPower(world, o.site, o.mw, 'grid');
    case 'onsite_generation':
      return growPower(world, o.site, o.mw, 'onsite');
    case 'cooling_expansion':
      world.sites[o.site].cooling_capacity_mw += o.mw;
      return;
    case 'cooling_retrofit':
      world.sites[o.site].technology = o.technology;
      return;
    case 'site_acquisition':
      return pushSite(world, o.spec, t);
  }
}

/** 1234567 -> "1,234,567"; below 1000 one decimal. (No toLocaleString: ICU is slow and locale-bound.) */
export function fmt(x: number): string {
  if (Math.abs(x) < 1000) return String(Math.round(x * 10) / 10);
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
