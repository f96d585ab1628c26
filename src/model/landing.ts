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
  world.cohorts.push({ site, accelerator, count, landed_at: t, retire_at: serviceFrom + p.compute.retirement_years });
  return `${fmt(count)} ${accelerator} at ${world.sites[site].spec.name}`;
}

export function addPower(world: World, site: number, mw: number, kind: 'grid' | 'onsite'): string {
  const s = world.sites[site];
  if (kind === 'grid') s.grid_mw += mw;
  else s.onsite_mw += mw;
  return `${kind === 'grid' ? 'grid' : 'on-site generation'} +${fmt(mw)} MW at ${s.spec.name}`;
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

export function acquireSite(world: World, spec: SiteSpec, t: number): string {
  world.sites.push({
    spec,
    grid_mw: spec.grid_mw,
    onsite_mw: 0,
    technology: spec.cooling_technology,
    cooling_capacity_mw: spec.cooling_capacity_mw ?? 0,
    since: t,
  });
  return `new campus ${spec.name} (${spec.region}) with ${fmt(spec.grid_mw)} MW of grid`;
}

export function land(world: World, p: Params, o: Order, t: number): string {
  switch (o.kind) {
    case 'gpu_delivery':
      return addGpus(world, p, o.accelerator, o.count, t, o.site, o.service_from);
    case 'grid_connection':
      return addPower(world, o.site, o.mw, 'grid');
    case 'onsite_generation':
      return addPower(world, o.site, o.mw, 'onsite');
    case 'cooling_expansion':
      return addCooling(world, o.site, o.mw);
    case 'cooling_retrofit':
      return retrofit(world, o.site, o.technology);
    case 'site_acquisition':
      return acquireSite(world, o.spec, t);
  }
}

/** 1234567 -> "1,234,567"; below 1000 one decimal. (No toLocaleString: ICU is slow and locale-bound.) */
export function fmt(x: number): string {
  if (Math.abs(x) < 1000) return String(Math.round(x * 10) / 10);
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
