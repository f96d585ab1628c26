// A site's power and cooling figures (MW) are 0 (none) or at least MIN_NONZERO_MW. The schema's
// minimum is 0, so it cannot say "0 or at least 1 kW"; this check does. Why: a positive but
// vanishing supply (1e-300 MW) lets a sliver of the fleet run, and the run's cost, which divides the
// target by the fleet's achieved FLOP/s per accelerator, overflows to Infinity (issue 17).
// Invariant: with every power figure 0 or >= MIN_NONZERO_MW, each derived rate stays a finite double.
import type { FirstwallScenario } from './types.gen.ts';
import type { Inconsistency } from './consistency.ts';

/** 1 kW: about one accelerator (H100 SXM TDP 0.7 kW; NVIDIA 2022; Q), the least power that runs one. */
export const MIN_NONZERO_MW = 0.001;

const SITE_FIELDS = ['grid_mw', 'max_grid_mw', 'onsite_generation_mw', 'max_onsite_generation_mw'] as const;

function tooSmall(v: number | undefined): v is number {
  return v !== undefined && v > 0 && v < MIN_NONZERO_MW;
}

export function checkPowerFloors(s: FirstwallScenario): Inconsistency[] {
  const out: Inconsistency[] = [];
  const push = (path: string[], v: number) =>
    out.push({
      path,
      message: `/${path.join('/')} must be 0 or at least ${MIN_NONZERO_MW} MW (1 kW, about one accelerator) (got ${v})`,
    });
  s.sites.forEach((site, i) => {
    for (const k of SITE_FIELDS) if (tooSmall(site[k])) push(['sites', String(i), k], site[k]!);
    const cap = site.cooling?.capacity_mw;
    if (tooSmall(cap)) push(['sites', String(i), 'cooling', 'capacity_mw'], cap);
  });
  return out;
}
