// A region's grid for data centres (issue 19): interconnection capacity in the grid's base year,
// then new capacity energised each later year at the buildout rate (an interconnection queue that
// grows lowers the rate). The average data-centre load may use `utilization` of the capacity
// (LBNL's 50%). Years up to the base year are history: no bound. Pure arithmetic on the grid inputs
// only (no other fleet module), so the planner's layer could use it as it is.
// Invariants: capacity never falls; buildout >= 0; limit is +Infinity up to the base year.
import { HOURS_PER_YEAR } from '../params/units.ts';

export interface GridInputs {
  year: number;
  capacity_gw: number | null;
  buildout_gw_per_year: number;
  buildout_growth_per_year: number;
  utilization: number;
}

/** New capacity energised in year y (MW): 0 up to the base year, then the (growing) buildout rate. */
export function gridBuildoutMw(g: GridInputs, y: number): number {
  if (y <= g.year) return 0;
  return g.buildout_gw_per_year * 1000 * Math.pow(g.buildout_growth_per_year, y - g.year - 1);
}

/** Capacity in the base year: given, or the base-year load (TWh) / utilization. */
export function gridBaseMw(g: GridInputs, baseLoadTwh: number): number {
  return g.capacity_gw !== null ? g.capacity_gw * 1000 : (baseLoadTwh * 1e6) / HOURS_PER_YEAR / g.utilization;
}

/** Capacity in year y (MW): the base plus every year's buildout since the base year. */
export function gridCapacityMw(g: GridInputs, baseMw: number, y: number): number {
  let mw = baseMw;
  for (let k = g.year + 1; k <= y; k++) mw += gridBuildoutMw(g, k);
  return mw;
}

/** Most data-centre energy (TWh) the grid carries in year y; +Infinity up to the base year. */
export function gridLimitTwh(g: GridInputs, baseMw: number, y: number): number {
  if (y <= g.year) return Infinity;
  return (gridCapacityMw(g, baseMw, y) * g.utilization * HOURS_PER_YEAR) / 1e6;
}
