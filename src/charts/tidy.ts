// Turns a RunResult into the flat rows that charts and CSV files use (one row per year x wall, ...).
// Invariant: pure functions of the result; rows come out in step order, then in WALLS order.
import { formatHeadroom, formatYear } from '../result/format.ts';
import type { Buildout, RunResult, StepResult } from '../result/types.ts';
import { WALLS, type Wall } from '../walls/registry.ts';

export interface WallRow {
  year: number;
  wall: Wall;
  headroom: number;
  permitted_flop: number;
  limited_by: string;
  /** True when this wall is the step's binding wall (least headroom). */
  binding: boolean;
}

export function wallRows(result: RunResult): WallRow[] {
  return result.steps.flatMap((s) =>
    WALLS.map((wall) => ({
      year: s.year,
      wall,
      headroom: s.walls[wall].headroom,
      permitted_flop: s.walls[wall].permitted_flop,
      limited_by: s.walls[wall].limited_by,
      binding: s.achievable.binding === wall,
    })),
  );
}

/** Rows that a log scale can draw (positive values only; the HTML table shows every value). */
export function positive<T>(rows: T[], key: keyof T): T[] {
  return rows.filter((r) => {
    const v = r[key];
    return typeof v === 'number' && v > 0;
  });
}

/** The step whose year is nearest to `year` (ties: the earlier step), or null if outside the horizon. */
export function stepNear(result: RunResult, year: number): StepResult | null {
  const { start_year, end_year, step_years } = result.horizon;
  if (year < start_year - step_years / 2 || year > end_year + step_years / 2) return null;
  let best: StepResult | null = null;
  for (const s of result.steps) {
    if (best === null || Math.abs(s.year - year) < Math.abs(best.year - year)) best = s;
  }
  return best;
}

/** Buildouts that change power or cooling (what the power chart draws), in order of ordering. */
export function powerBuildouts(result: RunResult): Buildout[] {
  const kinds: readonly string[] = ['grid_connection', 'onsite_generation', 'cooling_expansion', 'cooling_retrofit'];
  return result.buildouts
    .filter((b) => kinds.includes(b.kind))
    .sort((a, b) => a.ordered_at - b.ordered_at || a.id - b.id);
}

// One headroom and year format everywhere (src/result/format.ts).
export { formatHeadroom, formatYear } from '../result/format.ts';

/** Short verdict of a run: "power binds first in 2026 (headroom 0.88)" or the nearest wall. */
export function verdict(result: RunResult): string {
  const fw = result.first_wall;
  if (fw) return `${fw.wall} binds first in ${formatYear(fw.year)} (headroom ${formatHeadroom(fw.headroom)})`;
  const n = result.nearest;
  return `no wall binds by ${formatYear(result.horizon.end_year)}; nearest: ${n.wall} in ${formatYear(n.year)} (headroom ${formatHeadroom(n.headroom)})`;
}

/** Amounts of MW, GPUs or TB for labels: whole numbers from 100 up, 3 significant digits below. */
export function formatAmount(n: number): string {
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : String(Number(n.toPrecision(3)));
}

/** "35.6%": shares and probabilities with one decimal (a 500-sample Wilson interval is points wide). */
export function formatPercent(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}
