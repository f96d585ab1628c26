// Cooling: heat to remove equals IT power. Each technology has a rack-density limit (kW/rack) and
// a PUE. GPUs whose racks run hotter than the site's technology allows are stranded until a
// retrofit lands. The wall permits the run that the cooling plants could support: heat capacity
// x effective FLOP/s per IT watt, with stranded capacity removed.
import { assessWall } from './wall.ts';
import type { WallAssessment } from '../result/types.ts';

export interface CoolingSpec {
  max_kw_per_rack: number;
  pue: number;
}

export function fitsDensity(rackKw: number, spec: CoolingSpec): boolean {
  return rackKw <= spec.max_kw_per_rack + 1e-9;
}

/** Smallest-PUE-last ordering is not assumed: the cheapest technology that fits this rack. */
export function technologyFor(rackKw: number, technologies: Record<string, CoolingSpec>): string | null {
  let best: string | null = null;
  for (const [name, spec] of Object.entries(technologies)) {
    if (fitsDensity(rackKw, spec) && (best === null || spec.max_kw_per_rack < technologies[best].max_kw_per_rack))
      best = name;
  }
  return best;
}

/**
 * @param usableCoolingMw per-site heat capacity x the share of the site's GPUs that fit its racks
 * @param flopPerSPerItW the fleet's effective FLOP/s per IT watt
 */
export function coolingWall(
  usableCoolingMw: number,
  flopPerSPerItW: number,
  seconds: number,
  runShare: number,
  targetFlop: number,
  limitedBy: string,
): WallAssessment {
  return assessWall(usableCoolingMw * 1e6 * flopPerSPerItW * seconds * runShare, targetFlop, limitedBy);
}
