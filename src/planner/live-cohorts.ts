// The cohorts still in service, kept between the reviews of one run (src/model/run.ts makes one per
// run and lets it go with the run). By the end of a run about half the cohorts landed have retired,
// and every review's loops visited all of them to skip the retired. Cohorts are only ever appended
// to the world (src/model/landing.ts), never changed, and a cohort retired at a review is retired at
// every later time the planner asks about, so the list keeps the world's order less the retired:
// sums over it are the same sums, in the same order, as over all cohorts with the retired skipped.
import { isAlive, type Cohort, type World } from '../datacenter/world.ts';

export class LiveCohorts {
  private readonly live: Cohort[] = [];
  /** world.cohorts[0, seen) have been taken in. */
  private seen = 0;
  private world: World | null = null;
  private t = -Infinity;

  /** The world's cohorts in service at t, in the world's order. Times never go back within a run
   * (a call for another world, or an earlier time, starts again from the world's list). */
  at(world: World, t: number): readonly Cohort[] {
    const live = this.live;
    if (world !== this.world || t < this.t) {
      live.length = 0;
      this.seen = 0;
      this.world = world;
    }
    this.t = t;
    const all = world.cohorts;
    for (; this.seen < all.length; this.seen++) live.push(all[this.seen]);
    let k = 0;
    for (let i = 0; i < live.length; i++) {
      const c = live[i];
      if (isAlive(c, t)) live[k++] = c;
    }
    if (k < live.length) live.length = k;
    return live;
  }
}
