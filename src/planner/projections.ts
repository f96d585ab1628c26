// The planner's projected runs of one run, by exact time: the last PROJECTIONS_KEPT of them, newest
// first. src/model/run.ts makes one per run (in the planner memo) and lets it go with the run. Each
// review projects three times (accelerators, cooling, power) that later reviews project again, and
// the run the plan asks for then depends on the parameters, the time and the algorithmic boost
// alone. A Map keyed by the times (fractional doubles, hashed as heap numbers on every look-up) was
// most of a projection's time, and a review finds its projections among the last few reviews'
// entries (they lie at most a lookahead ahead). A time no longer kept is projected again, to the same
// figures (src/planner/projection.ts projectedRun: pure given the parameters, time and boost, and
// the run's profile memo answers a size asked before with the profile it gave then).
import type { ProjectedRun } from './projection.ts';

/** Entries kept: a few years of quarterly reviews' new projections (about one per review). */
export const PROJECTIONS_KEPT = 64;

export class Projections {
  private readonly times: number[] = [];
  private readonly runs: ProjectedRun[] = [];
  /** The slot the next entry goes to (entries fill the slots in order, then replace the oldest). */
  private next = 0;
  /** The latest time kept: a review's furthest projection is usually later than all, a miss found
   * without a scan. */
  private latest = -Infinity;

  /** The newest entry for exactly this time, if still kept. */
  get(t: number): ProjectedRun | undefined {
    if (t > this.latest) return undefined;
    // from the newest slot down, then from the last slot down to the newest (no modulo per step)
    const { times } = this;
    for (let i = this.next - 1; i >= 0; i--) if (times[i] === t) return this.runs[i];
    for (let i = times.length - 1; i >= this.next; i--) if (times[i] === t) return this.runs[i];
    return undefined;
  }

  /** Keep a projection (a later one for the same time is found first, as a Map's replacement was). */
  set(t: number, run: ProjectedRun): void {
    if (t > this.latest) this.latest = t;
    if (this.times.length < PROJECTIONS_KEPT) {
      this.times.push(t);
      this.runs.push(run);
    } else {
      this.times[this.next] = t;
      this.runs[this.next] = run;
    }
    this.next = this.next + 1 === PROJECTIONS_KEPT ? 0 : this.next + 1;
  }
}
