// Where a fold over a run's cohorts stands between steps. The cohort lists only grow (by push) and a
// cohort never changes, so a step's sums are the kept ones plus the cohorts added since (the same
// additions in the same order as a fresh pass) as long as no cohort summed so far has retired; after
// a retirement the fold starts again at the first cohort still alive, since those before it stay
// retired. Shared by the supply counts (src/datacenter/supply-counts.ts) and the alive counts per
// site (src/datacenter/frame.ts), which keep their own sums beside it.
import { isAlive } from './world.ts';

type Cohorts = readonly { retire_at: number }[];

export interface RetireCursor {
  /** The list folded (another array: fold afresh) and the time of the last fold. */
  list: Cohorts | null;
  t: number;
  /** Cohorts before `start` had retired by `t`, and so by any later time; [start, upto) are folded. */
  start: number;
  upto: number;
  /** The earliest retirement among the cohorts folded: the fold holds while no step reaches it. */
  retire: number;
}

/** True when the fold kept at `c` still holds at t: the same list, time not gone back, and no
 * cohort folded retired by t. */
export function cursorHolds(c: RetireCursor, list: Cohorts, t: number): boolean {
  return c.list === list && t >= c.t && t + 1e-9 < c.retire;
}

/** Starts the fold again at t, past the cohorts retired by then (from the kept start when the list
 * is the same and time went forward); returns where the fold starts. */
export function restartCursor(c: RetireCursor, list: Cohorts, t: number): number {
  if (c.list !== list || !(t >= c.t)) c.start = 0;
  while (c.start < list.length && !isAlive(list[c.start], t)) c.start++;
  c.list = list;
  c.upto = c.start;
  c.retire = Infinity;
  return c.start;
}
