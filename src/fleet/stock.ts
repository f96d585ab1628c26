// The installed stock of a region's AI accelerators by year: worldwide shipments (listed, then each
// product line projected at the growth rates after its last listed year) x the region's share of
// that shipment year, in service for `life_years`. Energy in year Y uses the average stock over
// the year: cohorts shipped in Y count half (deployed through the year), the cohort shipped in
// Y - life counts half (retiring through the year). Pure; invariant: counts >= 0.
import type { Shipment } from './defaults.ts';
import type { FleetParams } from './params.ts';
import { shareAt } from './regions.ts';

/** Worldwide shipments in year y: each line's listed entries, or its last listed year grown forward. */
export function shipmentsIn(f: FleetParams, y: number): Shipment[] {
  const out: Shipment[] = [];
  for (const line of linesOf(f.shipments)) {
    const listed = line.filter((s) => s.year === y);
    if (listed.length > 0) {
      out.push(...listed);
      continue;
    }
    const lastYear = line[line.length - 1].year;
    if (y < line[0].year || y < lastYear) continue; // a gap inside the listed years ships nothing
    const last = line.filter((s) => s.year === lastYear);
    const units = last.reduce((a, s) => a + s.units, 0);
    const boardW = last.reduce((a, s) => a + s.units * s.board_w, 0) / Math.max(1, units);
    const k = y - lastYear;
    out.push({
      year: y,
      units: units * Math.pow(f.units_growth_per_year, k),
      board_w: boardW * Math.pow(f.board_w_growth_per_year, k),
      generation: `projected (${last[0].line})`,
      line: last[0].line,
    });
  }
  return out;
}

/** Shipments grouped by product line, each sorted by year (lines in order of first appearance). */
function linesOf(list: Shipment[]): Shipment[][] {
  const by = new Map<string, Shipment[]>();
  for (const s of list) by.set(s.line, [...(by.get(s.line) ?? []), s]);
  return [...by.values()].map((l) => l.sort((a, b) => a.year - b.year));
}

/** The region's share of the shipments of year y (by shipment year: accelerators stay put). */
export function regionShare(f: FleetParams, y: number): number {
  return shareAt(f.accelerator_share, y);
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
    const share = regionShare(f, k);
    for (const s of shipmentsIn(f, k)) out.push({ shipment: s, units: s.units * share, weight });
  }
  return out;
}

export function deliveries(f: FleetParams, y: number): number {
  const share = regionShare(f, y);
  return shipmentsIn(f, y).reduce((a, s) => a + s.units * share, 0);
}

export function retirements(f: FleetParams, y: number): number {
  return deliveries(f, y - Math.max(1, Math.round(f.life_years)));
}
