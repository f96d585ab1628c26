// Attribution of what a what-if changed to the inputs it changed. Each variant (the base, the base
// with one differing input taken from the what-if, the what-if itself) is run on the same seeds
// (common random numbers: every lead time is drawn from the same stream positions, so the
// differences are the inputs', not the draws'), and measured: the first wall, its year (mean over
// the draws; a draw with no wall counts as the year after the horizon) and every wall's and the
// achievable run's log10 headroom at the chosen years (mean over the draws). Then
//   one at a time: effect_i = m(base + input i) - m(base)
//   all together:  total    = m(what-if) - m(base)
//   interaction:   total - sum_i effect_i (0 when the inputs act independently and additively)
// Headrooms are compared in log10, so an effect is a factor (x1.3) and factors of independent
// inputs multiply. Invariant: pure in (scenarios, seeds, years); nothing here reads the clock.
import type { LoadedScenario } from '../../scenario/load.ts';
import { runScenario } from '../../model/run.ts';
import type { WorkloadRoute } from '../../model/workload-route.ts';
import type { RunResult } from '../../result/types.ts';
import { WALLS } from '../../walls/registry.ts';
import { stepNear } from '../../charts/tidy.ts';

/** What is measured per variant; keys of `log_headroom` are "<year>/<wall or achievable>". */
export interface Measures {
  first_wall: string | null;
  /** Share of draws whose first wall is `first_wall` ('none' counted as a wall). */
  first_wall_share: number;
  /** Mean first-wall year over the draws; a draw with none counts as the year after the horizon. */
  first_year: number;
  /** Draws with no first wall within the horizon. */
  no_wall_draws: number;
  log_headroom: Record<string, number>;
}

export interface Effect {
  first_year: number;
  log_headroom: Record<string, number>;
}

export const ACHIEVABLE = 'achievable';

/** Headroom floor for logs: a headroom of 0 (nothing permitted) is taken as 1e-12. */
const LOG_FLOOR = 1e-12;

export function measure(results: RunResult[], years: number[]): Measures {
  const counts = new Map<string, number>();
  let yearSum = 0;
  let none = 0;
  const sums: Record<string, number> = {};
  for (const r of results) {
    const w = r.first_wall?.wall ?? 'none';
    counts.set(w, (counts.get(w) ?? 0) + 1);
    if (r.first_wall) yearSum += r.first_wall.year;
    else {
      none++;
      yearSum += r.horizon.end_year + r.horizon.step_years;
    }
    for (const y of years) {
      const s = stepNear(r, y);
      if (!s) continue;
      for (const wall of [...WALLS, ACHIEVABLE]) {
        const h = wall === ACHIEVABLE ? s.achievable.headroom : s.walls[wall].headroom;
        const k = `${y}/${wall}`;
        sums[k] = (sums[k] ?? 0) + Math.log10(Math.max(h, LOG_FLOOR));
      }
    }
  }
  const [top, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return {
    first_wall: top === 'none' ? null : top,
    first_wall_share: n / results.length,
    first_year: yearSum / results.length,
    no_wall_draws: none,
    log_headroom: Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / results.length])),
  };
}

export function difference(a: Measures, b: Measures): Effect {
  const keys = Object.keys(a.log_headroom).filter((k) => k in b.log_headroom);
  return {
    first_year: b.first_year - a.first_year,
    log_headroom: Object.fromEntries(keys.map((k) => [k, b.log_headroom[k] - a.log_headroom[k]])),
  };
}

/** total - sum of the one-at-a-time effects (inputs that could not run alone are left in it). */
export function interaction(total: Effect, singles: Effect[]): Effect {
  return {
    first_year: total.first_year - singles.reduce((a, e) => a + e.first_year, 0),
    log_headroom: Object.fromEntries(
      Object.entries(total.log_headroom).map(([k, v]) => [
        k,
        v - singles.reduce((a, e) => a + (e.log_headroom[k] ?? 0), 0),
      ]),
    ),
  };
}

export interface VariantRuns {
  results: RunResult[];
  measures: Measures;
}

/** Runs one variant on every seed (cost, inference and fleet left out: the walls are what is measured). */
export function runVariant(
  loaded: LoadedScenario,
  route: WorkloadRoute,
  seeds: number[],
  years: number[],
  cwd: string,
): VariantRuns {
  const results = seeds.map((seed) => runScenario(loaded, { seed, route, cwd, annotate: false }));
  return { results, measures: measure(results, years) };
}
