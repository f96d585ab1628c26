// How much new grid power the planner may still order in a region this calendar year, when the
// scenario links the region to its fleet's grid buildout (planner.regions[].fleet_region): the
// developer's share of the region's new interconnection capacity that year, less what it already
// ordered there that year. So a frontier developer's power wall and its region's grid are one story:
// a slower regional buildout caps its grid connections and new campuses too.
// Invariant: without a budget for a region, the allowance is unbounded (Infinity).
import type { World } from '../datacenter/world.ts';
import type { GridLimit } from '../result/types.ts';

export type { GridLimit };

/** MW of new grid the developer may order in `region` in calendar year `year`; null when unbounded. */
export type RegionGridBudget = (region: string, year: number) => number | null;

function key(region: string, t: number): string {
  return `${region}|${Math.floor(t + 1e-9)}`;
}

/** MW still orderable in the region in t's calendar year (Infinity without a budget). */
export function gridLeftMw(budget: RegionGridBudget | undefined, world: World, region: string, t: number): number {
  const b = budget?.(region, Math.floor(t + 1e-9));
  if (b === null || b === undefined) return Infinity;
  return Math.max(0, b - (world.grid_ordered_mw.get(key(region, t)) ?? 0));
}

/** Count an order of `mw` of new grid in the region against t's calendar year. */
export function recordGridOrder(world: World, region: string, t: number, mw: number): void {
  // a Map, not an object used as a dictionary: a new "region|year" key per year would give the
  // world's object a new hidden class each time and deoptimise the code that reads it
  const k = key(region, t);
  world.grid_ordered_mw.set(k, (world.grid_ordered_mw.get(k) ?? 0) + mw);
}
