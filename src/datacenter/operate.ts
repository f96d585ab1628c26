// The coupling, solved at one instant: GPUs -> IT power -> heat -> cooling (PUE) -> facility power
// <= available power. Per site: GPUs in racks hotter than the cooling technology allows are
// stranded; the rest run, scaled down together if IT power exceeds what the power (at the site's
// PUE) or the cooling plant allows. Invariants: facility = IT x PUE <= available; heat = IT.
import { fitsDensity } from '../walls/cooling.ts';
import { facilityMw } from '../walls/power.ts';
import { itWattsPerGpu, rackKw, type AcceleratorSpec, type Params } from '../params/params.ts';
import type { SiteStep } from '../result/types.ts';
import { aliveAt, availablePowerMw, type World } from './world.ts';

export interface GenerationAtSite {
  site: number;
  acc: AcceleratorSpec;
  count: number;
  stranded: number;
  /** GPUs actually running (fractional when power or cooling scale the site down). */
  running: number;
}

export interface SiteOperation {
  step: SiteStep;
  generations: GenerationAtSite[];
}

export function operateSite(
  world: World,
  p: Params,
  site: number,
  t: number,
  hw: ReadonlyMap<string, AcceleratorSpec>,
): SiteOperation {
  const s = world.sites[site];
  const tech = p.cooling.technologies[s.technology];
  const byGen = new Map<string, number>();
  for (const c of aliveAt(world.cohorts, t))
    if (c.site === site) byGen.set(c.accelerator, (byGen.get(c.accelerator) ?? 0) + c.count);
  const gens = [...byGen].map(([name, count]) => {
    const acc = hw.get(name)!;
    const stranded = fitsDensity(rackKw(acc, p), tech) ? 0 : count;
    return { site, acc, count, stranded, running: count - stranded };
  });
  const wantItMw = gens.reduce((a, g) => a + (g.running * itWattsPerGpu(g.acc, p)) / 1e6, 0);
  const powerItMw = availablePowerMw(s) / tech.pue;
  const scale = wantItMw > 0 ? Math.min(1, powerItMw / wantItMw, s.cooling_capacity_mw / wantItMw) : 1;
  for (const g of gens) g.running *= scale;
  const it = wantItMw * scale;
  const gpus = gens.reduce((a, g) => a + g.count, 0);
  const hottest = gens.reduce((a, g) => Math.max(a, rackKw(g.acc, p)), 0);
  return {
    generations: gens,
    step: {
      name: s.spec.name,
      gpus,
      stranded_gpus: gens.reduce((a, g) => a + g.stranded, 0),
      grid_mw: s.grid_mw,
      onsite_generation_mw: s.onsite_mw,
      cooling_technology: s.technology,
      cooling_capacity_mw: s.cooling_capacity_mw,
      rack_kw: hottest,
      it_mw: it,
      facility_mw: facilityMw(it, tech.pue),
      pue: tech.pue,
    },
  };
}

export function operate(world: World, p: Params, t: number): SiteOperation[] {
  const hw = p.hardware_by_name;
  return world.sites.map((_, i) => operateSite(world, p, i, t, hw));
}
