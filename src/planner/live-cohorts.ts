// The cohorts still in service, kept between the reviews of one run (src/model/run.ts makes one per
// run and lets it go with the run). By the end of a run about half the cohorts landed have retired,
// and every review's loops visited all of them to skip the retired. Cohorts are only ever appended
// to the world (src/model/landing.ts), never changed, and a cohort retired at a review is retired at
// every later time the planner asks about, so the list keeps the world's order less the retired:
// sums over it are the same sums, in the same order, as over all cohorts with the retired skipped.
// The figures the loops read are kept in columns (site, accelerator, count, retirement time): the
// cohort objects lie scattered over the heap with their numbers boxed, and reading them was most of
// the loops' time.
import { isAlive, type World } from '../datacenter/world.ts';

/** isAlive (src/datacenter/world.ts) on a retirement time: the same comparison. */
export function inService(retireAt: number, t: number): boolean {
  return isAlive({ retire_at: retireAt }, t);
}

/** Cohorts as columns: entry i of each array is one cohort, for i < length (entries past length
 * are stale). */
export interface CohortColumns {
  readonly length: number;
  readonly site: readonly number[];
  readonly accelerator: readonly string[];
  readonly count: readonly number[];
  readonly retire_at: readonly number[];
}

export class LiveCohorts implements CohortColumns {
  length = 0;
  readonly site: number[] = [];
  readonly accelerator: string[] = [];
  readonly count: number[] = [];
  readonly retire_at: number[] = [];
  /** world.cohorts[0, seen) have been taken in. */
  private seen = 0;
  private world: World | null = null;
  private t = -Infinity;

  /** The world's cohorts in service at t, in the world's order. Times never go back within a run
   * (a call for another world, or an earlier time, starts again from the world's list). */
  at(world: World, t: number): CohortColumns {
    if (world !== this.world || t < this.t) {
      this.length = 0;
      this.seen = 0;
      this.world = world;
    } else if (t === this.t && this.seen === world.cohorts.length) {
      // asked again at the same time with nothing landed since (a review's accelerator and cooling
      // orders both ask): every kept cohort is in service at t, the list is already the answer
      return this;
    }
    this.t = t;
    const { site, accelerator, count, retire_at } = this;
    let n = this.length;
    const all = world.cohorts;
    for (; this.seen < all.length; this.seen++) {
      const c = all[this.seen];
      site[n] = c.site;
      accelerator[n] = c.accelerator;
      count[n] = c.count;
      retire_at[n] = c.retire_at;
      n++;
    }
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!inService(retire_at[i], t)) continue;
      if (k < i) {
        site[k] = site[i];
        accelerator[k] = accelerator[i];
        count[k] = count[i];
        retire_at[k] = retire_at[i];
      }
      k++;
    }
    this.length = k;
    return this;
  }
}
