// The link from a developer's grid regions to its fleet's grid buildout (issue 19 item 5): for each
// planner region with a fleet_region, the MW of new grid it may order in a calendar year is its
// grid_share of that fleet region's new interconnection capacity that year (the fleet's
// grid_buildout_mw, src/fleet/world.ts). Years before the fleet's grid base year are unbounded.
import { normalizeFleetSpec } from '../fleet/params.ts';
import { regionGridBudget } from '../fleet/world.ts';
import type { Params } from '../params/params.ts';
import type { RegionGridBudget } from '../planner/grid-allowance.ts';
import type { FirstwallScenario } from '../scenario/types.gen.ts';

export function scenarioGridBudget(p: Params, scenario: FirstwallScenario): RegionGridBudget | undefined {
  const links = p.planner.region_grid;
  if (Object.keys(links).length === 0 || !scenario.fleet) return undefined;
  const spec = normalizeFleetSpec(scenario.fleet, p.horizon);
  const memo = new Map<string, number | null>();
  return (region, year) => {
    const link = links[region];
    if (!link) return null;
    const k = `${region}|${year}`;
    if (!memo.has(k)) {
      const b = regionGridBudget(spec, link.fleet_region, year);
      memo.set(k, b === null ? null : link.share * b.buildout_mw);
    }
    return memo.get(k)!;
  };
}
