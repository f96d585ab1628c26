// The installed stock of a region's AI accelerators by year: shipments (listed, then projected
// at a growth rate) x the region's share, in service for `life_years`. Energy in year Y uses the
// average stock over the year: cohorts shipped in Y count half (deployed through the year), the
// cohort shipped in Y - life counts half (retiring through the year). Pure; invariant: counts >= 0.
import type { Shipment } from './defaults.ts';
import type { FleetParams } from './params.ts';

/** Worldwide shipments in year y: listed entries, or the last listed year grown forward. */
export function shipmentsIn(f: FleetParams, y: number): Shipment[] {
  const listed = f.shipments.filter((s) => s.year === y);
  if (listed.length > 0) return listed;
  const last = f.shipments[f.shipments.length - 1];
  if (last === undefined || y < f.shipments[0].year) return [];
  const lastYear = f.shipments.filter((s) => s.year === last.year);
  const units = lastYear.reduce((a, s) => a + s.units, 0);
  const boardW = lastYear.reduce((a, s) => a + s.units * s.board_w, 0) / Math.max(1, units);
  const k = y - last.year;
  return [
    {
      year: y,
      units: units * Math.pow(f.units_growth_per_year, k),
      board_w: boardW * Math.pow(f.board_w_growth_per_year, k),
      generation: 'projected',
    },
  ];
}

export interface Cohort {
  shipment: Shipment;
  units: number;
  weight: number;
}

/** Cohorts in service during year y with their average in-service weight (0.5, 1 or 0.5). */
export function cohortsIn(f: FleetParams, y: number): Cohort[] {
  const out: Cohort[] = [];
  const life = Math.max(1, Math.round(f.life_years));
  for (let k = y - life; k <= y; k++) {
    const weight = k === y || k === y - life ? 0.5 : 1;
    for (const s of shipmentsIn(f, k)) out.push({ shipment: s, units: s.units * f.region_share, weight });
  }
  return out;
}

export function deliveries(f: FleetParams, y: number): number {
  return shipmentsIn(f, y).reduce((a, s) => a + s.units * f.region_share, 0);
}

export function retirements(f: FleetParams, y: number): number {
  return deliveries(f, y - Math.max(1, Math.round(f.life_years)));
}
