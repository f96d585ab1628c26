// How sure a single-draw verdict is. One run draws every lead time once; the first wall can hinge on
// whether one grid connection lands a quarter early. `run` therefore re-runs the scenario over a
// small fixed set of seeds (common random numbers: the same seeds for every scenario with the same
// base seed, so two scenarios are compared on the same draws) and reports how often each wall is
// first and the spread of its year. The full `sweep` remains the tool for input uncertainty.
import type { LoadedScenario } from '../scenario/load.ts';
import type { RunResult, VerdictCertainty } from '../result/types.ts';
import { runScenario, type RunOptions } from './run.ts';

/** Draws `run` takes by default: enough to tell 90/10 from 50/50, cheap enough to stay interactive. */
export const DEFAULT_DRAWS = 12;

/** The i-th common-random-number seed after `base` (32-bit, distinct from `base` itself). */
export function drawSeed(base: number, i: number): number {
  // A multiplicative hash (Knuth's 2654435761) spreads neighbouring bases and indices apart.
  return (Math.imul((base >>> 0) ^ 0x9e3779b9, 2654435761) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Whether `wall` has the top count over the draws. Ties count: the order of tied walls in the
 * listing is alphabetical, not a ranking, so each tied wall is a most likely one. */
export function isMostLikely(counts: Record<string, number>, wall: string): boolean {
  return (counts[wall] ?? 0) === Math.max(0, ...Object.values(counts));
}

export function verdictCertainty(
  loaded: LoadedScenario,
  single: RunResult,
  options: RunOptions = {},
  draws = DEFAULT_DRAWS,
): VerdictCertainty {
  const counts: Record<string, number> = {};
  const years: number[] = [];
  for (let i = 0; i < draws; i++) {
    // only the first wall is read: each draw stops at it
    const r = runScenario(loaded, {
      ...options,
      seed: drawSeed(single.scenario.seed, i),
      annotate: false,
      until: 'first_wall',
      attribution: 'short steps',
    });
    const wall = r.first_wall?.wall ?? 'none';
    counts[wall] = (counts[wall] ?? 0) + 1;
    if (r.first_wall) years.push(r.first_wall.year);
  }
  const probability = Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([w, n]) => [w, n / draws]),
  );
  return {
    draws,
    first_wall_probability: probability,
    first_year: years.length ? { min: Math.min(...years), median: median(years), max: Math.max(...years) } : null,
    agrees: isMostLikely(counts, single.first_wall?.wall ?? 'none'),
  };
}
