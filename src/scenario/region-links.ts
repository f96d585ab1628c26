// planner.regions[].fleet_region must name a region of the scenario's fleet: section (a name in
// fleet.regions, or fleet.region for a one-region fleet), or the link to the region's grid buildout
// would silently do nothing.
import type { Inconsistency } from './consistency.ts';
import type { FirstwallScenario } from './types.gen.ts';

export function checkRegionLinks(s: FirstwallScenario): Inconsistency[] {
  const out: Inconsistency[] = [];
  const fleet = s.fleet;
  const known = fleet ? (fleet.regions ? fleet.regions.map((r) => r.name) : [fleet.region]) : [];
  // the list is named by its pointer (as /sites/*/name for sites), so a region renamed or deleted in a
  // what-if is found from the message told in its base
  const names = fleet?.regions ? '/fleet/regions/*/name' : '/fleet/region';
  (s.planner?.regions ?? []).forEach((r, i) => {
    if (r.fleet_region === undefined || known.includes(r.fleet_region)) return;
    out.push({
      path: ['planner', 'regions', String(i), 'fleet_region'],
      message: fleet
        ? `/planner/regions/${i}/fleet_region "${r.fleet_region}" is not a region of /fleet (${names}: ${known.join(', ')})`
        : `/planner/regions/${i}/fleet_region "${r.fleet_region}" needs a /fleet section with that region`,
    });
  });
  return out;
}
