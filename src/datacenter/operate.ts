// The coupling at one site, solved at one instant: accelerators -> IT power -> heat -> cooling plant
// and PUE -> facility power <= available power. Accelerators in racks hotter than the site's
// technology allows are stranded; the rest run, scaled down together if their IT power exceeds
// what the power (at the site's PUE) or the plant allows. Scales perturb one resource at a time for
// the elasticities (1 = as built). Invariants: facility = IT x PUE <= available x power scale;
// heat = IT <= plant x cooling scale.
import type { GenerationFrame, SiteFrame } from './frame.ts';

export interface ResourceScales {
  accelerators: number;
  hbm_bandwidth: number;
  power: number;
  cooling: number;
  /** Share of stranded racks that can run (0 as built; the density elasticity frees 1% of them). */
  stranded_cooled: number;
  network: number;
  data: number;
}

export const AS_BUILT: ResourceScales = {
  accelerators: 1,
  hbm_bandwidth: 1,
  power: 1,
  cooling: 1,
  stranded_cooled: 0,
  network: 1,
  data: 1,
};

export interface SiteOperation {
  /** Running accelerators per generation (fractional when power or plant scale the site down). */
  running: number[];
  stranded: number;
  it_mw: number;
  /** Which limit scaled the site down: power, plant, or none. */
  limited_by: 'power' | 'cooling' | 'none';
  /** Power (at the PUE) and plant over the IT load the cooled racks want (Infinity when none). */
  power_slack: number;
  cooling_slack: number;
}

export function fitsRack(g: GenerationFrame, site: SiteFrame): boolean {
  return g.rack_kw <= site.max_kw_per_rack + 1e-9;
}

/** `into`: an operation to refill and return instead of a new one (a flop-only solve's scratch). */
export function operateSite(site: SiteFrame, s: ResourceScales, into?: SiteOperation): SiteOperation {
  const running: number[] = into ? into.running : new Array(site.gens.length);
  // a length store is a runtime call even when it changes nothing: only a refilled array's, if it must
  if (running.length !== site.gens.length) running.length = site.gens.length;
  let wantMw = 0;
  let stranded = 0;
  for (let i = 0; i < site.gens.length; i++) {
    const g = site.gens[i];
    const n = g.count * s.accelerators;
    const cooled = fitsRack(g, site) ? n : n * s.stranded_cooled;
    stranded += n - cooled;
    running[i] = cooled;
    wantMw += (cooled * g.it_w) / 1e6;
  }
  const powerItMw = (site.available_mw * s.power) / site.pue;
  const plantMw = site.cooling_mw * s.cooling;
  let scale = 1;
  let limited: SiteOperation['limited_by'] = 'none';
  if (wantMw > 0 && powerItMw < wantMw * scale) {
    scale = powerItMw / wantMw;
    limited = 'power';
  }
  if (wantMw > 0 && plantMw < wantMw * scale) {
    scale = plantMw / wantMw;
    limited = 'cooling';
  }
  for (let i = 0; i < running.length; i++) running[i] *= scale;
  const itMw = wantMw * scale;
  const powerSlack = wantMw > 0 ? powerItMw / wantMw : Infinity;
  const coolingSlack = wantMw > 0 ? plantMw / wantMw : Infinity;
  if (!into)
    return {
      running,
      stranded,
      it_mw: itMw,
      limited_by: limited,
      power_slack: powerSlack,
      cooling_slack: coolingSlack,
    };
  into.stranded = stranded;
  into.it_mw = itMw;
  into.limited_by = limited;
  into.power_slack = powerSlack;
  into.cooling_slack = coolingSlack;
  return into;
}
