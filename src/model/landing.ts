// Applying a buildout when it lands: power and cooling grow at their site, a retrofit switches the
// site's cooling technology, GPUs go to the site that can take them best (racks fit the cooling,
// then most spare power). Mutates the world; returns a short description for the event log.
import { fitsDensity } from '../walls/cooling.ts';
import type { CoolingTechnology } from '../scenario/types.gen.ts';
import { aliveAt, availablePowerMw, type World } from '../datacenter/world.ts';
import { itWattsPerGpu, rackKw, type Params } from '../params/params.ts';

export function spareMw(world: World, p: Params, site: number, t: number): number {
  const hw = p.hardware_by_name;
  const pue = p.cooling.technologies[world.sites[site].technology].pue;
  const used = aliveAt(world.cohorts, t)
    .filter((c) => c.site === site)
    .reduce((a, c) => a + (c.count * itWattsPerGpu(hw.get(c.accelerator)!, p) * pue) / 1e6, 0);
  return availablePowerMw(world.sites[site]) - used;
}

/** The site for new GPUs: racks that fit the site's cooling first, then the most spare power. */
export function chooseSite(world: World, p: Params, accelerator: string, t: number): number {
  const acc = p.hardware.find((a) => a.name === accelerator)!;
  let best = 0;
  let bestKey = [-1, -Infinity];
  world.sites.forEach((s, i) => {
    const key = [fitsDensity(rackKw(acc, p), p.cooling.technologies[s.technology]) ? 1 : 0, spareMw(world, p, i, t)];
    if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) [best, bestKey] = [i, key];
  });
  return best;
}

export function addGpus(world: World, p: Params, accelerator: string, count: number, t: number, site?: number): string {
  const s = site ?? chooseSite(world, p, accelerator, t);
  world.cohorts.push({ site: s, accelerator, count, landed_at: t, retire_at: t + p.compute.retirement_years });
  return `${fmt(count)} ${accelerator} at ${world.sites[s].spec.name}`;
}

export function addPower(world: World, site: number, mw: number, kind: 'grid' | 'onsite'): string {
  const s = world.sites[site];
  if (kind === 'grid') s.grid_mw += mw;
  else s.onsite_mw += mw;
  return `${kind === 'grid' ? 'grid' : 'on-site generation'} +${fmt(mw)} MW at ${s.spec.name}`;
}

export function addCooling(world: World, site: number, mw: number): string {
  world.sites[site].cooling_capacity_mw += mw;
  return `cooling +${fmt(mw)} MW at ${world.sites[site].spec.name}`;
}

export function retrofit(world: World, site: number, technology: CoolingTechnology): string {
  const s = world.sites[site];
  const from = s.technology;
  s.technology = technology;
  return `cooling retrofit ${from} -> ${technology} at ${s.spec.name}`;
}

/** 1234567 -> "1,234,567"; below 1000 one decimal. (No toLocaleString: ICU is slow and locale-bound.) */
export function fmt(x: number): string {
  if (Math.abs(x) < 1000) return String(Math.round(x * 10) / 10);
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
