// One generated sentence per chart of the run report: what it shows for this run and what to
// conclude, read off the result (the cost, fleet and inference sentences have their own files).
// Invariant: pure; no sentence claims what the data does not show.
import type { RunResult } from '../../result/types.ts';
import { formatHeadroom, formatYear } from '../../result/format.ts';
import { powerBuildouts } from '../../charts/tidy.ts';

const flop = (x: number) => x.toExponential(1).replace('e+', 'e');
const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A dense family has every parameter active; an MoE family has more parameters than it uses per token. */
export function isMoe(r: RunResult): boolean {
  // the family's declared kind (model.family) when the result names one; else the shape
  const kind = r.workload.family?.kind;
  if (kind) return kind === 'moe';
  const q = r.steps[0]?.quantities;
  return !!q && q.params_total > q.params_active * (1 + 1e-9);
}

export function headroomSentence(r: RunResult): string {
  const g = r.growth;
  const gap = g.achieved_per_year > 0 ? g.target_per_year / g.achieved_per_year : Infinity;
  const growth = `The achievable run grows ${g.achieved_per_year.toPrecision(3)}x a year against the target's ${g.target_per_year.toPrecision(3)}x${Number.isFinite(gap) && gap > 1.01 ? `, so the shortfall deepens ${gap.toPrecision(2)}x a year` : ''}.`;
  const f = r.first_wall;
  if (!f)
    return `The black line stays above 1: no wall binds by ${formatYear(r.horizon.end_year)} (closest ${formatHeadroom(r.nearest.headroom)} in ${formatYear(r.nearest.year)}). ${growth}`;
  return `The black line (the achievable run) first drops below 1 in ${formatYear(f.year)}, bound by ${f.wall} (${f.limited_by}). ${growth}`;
}

export function permittedSentence(r: RunResult): string {
  const c = r.crossings;
  const first = c.length
    ? `Each wall's own permit first falls below the target in: ${c.map((x) => `${x.wall} ${formatYear(x.year)}`).join(', ')}.`
    : "No wall's own permit falls below the target within the horizon.";
  const last = r.steps[r.steps.length - 1];
  const best = Object.entries(last.walls).sort((a, b) => b[1].permitted_flop - a[1].permitted_flop)[0];
  const least = Object.entries(last.walls).sort((a, b) => a[1].permitted_flop - b[1].permitted_flop)[0];
  return `${first} In ${formatYear(last.year)} the target is ${flop(last.target_flop)} FLOP; the walls permit from ${flop(least[1].permitted_flop)} (${least[0]}) to ${flop(best[1].permitted_flop)} (${best[0]}).`;
}

export function powerSentence(r: RunResult): string {
  const all = powerBuildouts(r);
  const grid = all.filter((b) => b.kind === 'grid_connection');
  const by = r.first_wall?.year ?? r.horizon.end_year;
  const landedBy = all.filter((b) => b.landed && b.lands_at !== null && b.lands_at <= by + 1e-9).length;
  const firstGrid = grid.length
    ? grid.reduce((a, b) => ((a.lands_at ?? Infinity) <= (b.lands_at ?? Infinity) ? a : b))
    : null;
  const gridText = firstGrid
    ? `${grid.length} grid connection${grid.length > 1 ? 's' : ''} (${grouped(grid.reduce((a, b) => a + b.amount, 0))} MW), the first landing ${firstGrid.lands_at === null ? 'after its study' : formatYear(firstGrid.lands_at)}`
    : 'no grid connection';
  const last = r.steps[r.steps.length - 1].quantities;
  return `The planner and events order ${all.length} power and cooling buildouts: ${gridText}; ${landedBy} land by ${r.first_wall ? `the first wall (${formatYear(by)})` : formatYear(by)}. In ${formatYear(r.horizon.end_year)} the fleet draws ${grouped(last.facility_mw)} MW of the ${grouped(last.available_power_mw)} MW in service.`;
}

export function rooflineSentence(r: RunResult): string {
  const s = r.steps[0].quantities;
  const l = r.steps[r.steps.length - 1].quantities;
  const bound = (f: number) =>
    f >= 0.999 ? 'compute-bound' : `held to ${(f * 100).toFixed(0)}% of peak by HBM bandwidth`;
  return `At the run's micro-batch the workload does ${grouped(s.arithmetic_intensity_flop_per_byte)} FLOP per HBM byte in ${formatYear(r.steps[0].year)} (${grouped(l.arithmetic_intensity_flop_per_byte)} in ${formatYear(r.steps[r.steps.length - 1].year)}): the running fleet is ${bound(s.roofline_fraction)}, then ${bound(l.roofline_fraction)}.`;
}

export function routerSentence(imbalance: number, experts: number): string {
  return `The hottest of ${experts} experts gets ${imbalance.toPrecision(3)}x the mean load: the expert all-to-all waits on it, which is what the calibration carries into the network wall.`;
}
