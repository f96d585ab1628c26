// The planner's first look (src/planner/projection.ts): with a derived MFU, reviews before the first
// step project with the plan the first step will find. The per-run memo keeps that plan for the
// rest of one review (its three projections asked for it on one world) and forgets it at the next:
// reviews with the memo order what reviews without it order, and the plan search runs once a review.
import { describe, expect, test } from 'vitest';
import { initialWorld, type World } from '../../src/datacenter/world.ts';
import { plannerMemo } from '../../src/planner/memo.ts';
import { emptyPending } from '../../src/planner/pending.ts';
import { project } from '../../src/planner/projection.ts';
import { review } from '../../src/planner/review.ts';
import { ANALYTIC_ROUTE } from '../../src/model/workload-route.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { normalize } from '../../src/params/params.ts';

const loaded = loadScenario('scenarios/baseline-2025.yaml');
const { mfu: _stated, ...compute } = loaded.scenario.compute;
const p = normalize({ ...loaded.scenario, compute });
const t0 = p.horizon.start_year;
const makeProfile = ANALYTIC_ROUTE.makeProfile;
const left = { gpus: 1e7, hbm_tb: 1e7 };

/** A landing of accelerators at the first site, so the next review's world differs. */
function land(world: World, count: number): void {
  world.cohorts.push({ site: 0, accelerator: p.hardware[0].name, count, landed_at: t0, retire_at: t0 + 5 });
}

describe('first look', () => {
  test('the scenario derives its MFU, and no step has run yet', () => {
    expect(p.compute.mfu).toBeNull();
    expect(initialWorld(p).last_work_mfu).toBeNull();
  });

  test('reviews with the memo order what reviews without it order, as the world changes between them', () => {
    const world = initialWorld(p);
    const memo = plannerMemo();
    for (let k = 0; k < 4; k++) {
      const pending = emptyPending(world.sites.length);
      const kept = review(p, world, pending, left, t0, makeProfile, undefined, memo);
      expect(kept).toEqual(review(p, world, pending, left, t0, makeProfile));
      expect(memo.first_look).not.toBeNull();
      land(world, 200_000 * (k + 1)); // a larger fleet: the first step's cluster, hence its plan, may change
    }
  });

  test('a review finds the first look once and the next review finds it again', () => {
    const world = initialWorld(p);
    const memo = plannerMemo();
    review(p, world, emptyPending(world.sites.length), left, t0, makeProfile, undefined, memo);
    const first = memo.first_look;
    // a later projection in the same review reads the kept look, and sustains what one without reads
    const kept = project(p, world, t0 + 1, makeProfile, memo);
    expect(memo.first_look).toBe(first);
    expect(kept.sustained(p.hardware[0])).toBe(project(p, world, t0 + 1, makeProfile).sustained(p.hardware[0]));
    review(p, world, emptyPending(world.sites.length), left, t0, makeProfile, undefined, memo);
    expect(memo.first_look).not.toBe(first);
    expect(memo.first_look).toEqual(first); // the same world: the same plan
  });
});
