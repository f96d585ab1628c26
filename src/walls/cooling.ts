// Cooling wall: heat-rejection plant in service (MW of IT heat: heat removed equals IT power) and the
// rack-density limit of each site's technology (air, rear door, direct liquid, immersion). Each site's
// plant is filled with the newest accelerators on sale whose racks its technology can take (none: the
// site cools nothing new), at their sustained FLOP/s. Power, accelerators and HBM are taken as ample.
import type { AcceleratorSpec } from '../params/params.ts';
import type { WallInputs } from './inputs.ts';
import { fleetRunFlop } from './inputs.ts';
import type { WallDefinition } from './types.ts';
import { assessWall } from './wall.ts';

export interface CoolingSpec {
  max_kw_per_rack: number;
  pue: number;
}

export function fitsDensity(rackKw: number, spec: { max_kw_per_rack: number }): boolean {
  return rackKw <= spec.max_kw_per_rack + 1e-9;
}

/** The technology with the lowest density limit that still takes this rack (the cheapest retrofit). */
export function technologyFor(rackKw: number, technologies: Record<string, CoolingSpec>): string | null {
  let best: string | null = null;
  for (const [name, spec] of Object.entries(technologies)) {
    if (fitsDensity(rackKw, spec) && (best === null || spec.max_kw_per_rack < technologies[best].max_kw_per_rack))
      best = name;
  }
  return best;
}

export const coolingWall: WallDefinition = {
  id: 'cooling',
  label: 'cooling',
  color: '#CC79A7',
  resource: 'heat-rejection plant in service and the rack density each site’s technology takes',
  reads: [
    '/sites/*/cooling',
    '/cooling/technologies',
    '/planner/lead_times/cooling_plant',
    '/planner/lead_times/cooling_retrofit',
    '/hardware/*/rack_kw',
  ],
  permit: (x: WallInputs) => {
    const gens: { acc: AcceleratorSpec; count: number }[] = [];
    let mw = 0;
    let densityLimited = false;
    for (const s of x.sites) {
      const fit = x.on_sale.find((a) => fitsDensity(x.rack_kw(a), s));
      if (fit !== x.on_sale[0] && s.cooling_mw > 0) densityLimited = true;
      mw += s.cooling_mw;
      if (fit) gens.push({ acc: fit, count: (s.cooling_mw * 1e6) / x.it_w(fit) });
    }
    const limited = densityLimited ? 'rack density' : 'heat-rejection capacity';
    return assessWall(fleetRunFlop(x, gens), x.target_flop, limited, { cooling_mw: mw });
  },
};
