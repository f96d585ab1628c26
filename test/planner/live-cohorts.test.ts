// The planner's per-run memo (src/planner/memo.ts): the cohorts it keeps in service between reviews
// are the world's cohorts in service, in the world's order, after landings and retirements; and a
// review with the memo orders exactly what one without it orders, review after review.
import { describe, expect, test } from 'vitest';
import { createRng } from '../../src/engine/rng.ts';
import { initialWorld, isAlive, type World } from '../../src/datacenter/world.ts';
import { LiveCohorts, inService, type CohortColumns } from '../../src/planner/live-cohorts.ts';
import { plannerMemo } from '../../src/planner/memo.ts';
import { LEAD_TIME_STREAM } from '../../src/planner/orders.ts';
import { emptyPending } from '../../src/planner/pending.ts';
import { review } from '../../src/planner/review.ts';
import { ANALYTIC_ROUTE } from '../../src/model/workload-route.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { normalize } from '../../src/params/params.ts';

const p = normalize(loadScenario('scenarios/baseline-2025.yaml').scenario);
const t0 = p.horizon.start_year;
const alive = (world: World, t: number) => world.cohorts.filter((c) => isAlive(c, t));
/** The cohorts the columns hold, as cohort rows. */
const rows = (c: CohortColumns) =>
  Array.from({ length: c.length }, (_, i) => ({
    site: c.site[i],
    accelerator: c.accelerator[i],
    count: c.count[i],
    retire_at: c.retire_at[i],
  }));
/** The world's cohorts in service at t, as the same rows. */
const expected = (world: World, t: number) =>
  alive(world, t).map(({ site, accelerator, count, retire_at }) => ({ site, accelerator, count, retire_at }));

/** Lands a cohort of a random size and lifetime at a random site (cohorts are only ever appended). */
function land(world: World, rng: ReturnType<typeof createRng>, t: number): void {
  const acc = p.hardware[rng.int(0, p.hardware.length - 1)];
  world.cohorts.push({
    site: rng.int(0, world.sites.length - 1),
    accelerator: acc.name,
    count: rng.int(1, 50_000),
    landed_at: t,
    retire_at: t + rng.next() * 4,
  });
}

describe('LiveCohorts', () => {
  test('after landings and retirements it holds the cohorts in service, in the world order', () => {
    const world = initialWorld(p);
    const live = new LiveCohorts();
    const rng = createRng(7, 'live-cohorts');
    for (let t = t0; t < t0 + 15; t += 0.25) {
      for (let k = rng.int(0, 3); k > 0; k--) land(world, rng, t);
      expect(rows(live.at(world, t))).toEqual(expected(world, t));
    }
    expect(world.cohorts.length).toBeGreaterThan(alive(world, t0 + 15).length); // some did retire
  });

  test('asked again at the same time it is the same answer, and takes in what landed in between', () => {
    const world = initialWorld(p);
    const live = new LiveCohorts();
    const rng = createRng(5, 'live-cohorts');
    for (let t = t0; t < t0 + 12; t += 0.25) {
      if (rng.next() < 0.5) land(world, rng, t);
      expect(rows(live.at(world, t))).toEqual(expected(world, t));
      expect(rows(live.at(world, t))).toEqual(expected(world, t)); // the review's second ask
      if (rng.next() < 0.5) land(world, rng, t); // a landing at the same time, then asked again
      expect(rows(live.at(world, t))).toEqual(expected(world, t));
    }
  });

  test('an earlier time or another world starts again from the world list', () => {
    const a = initialWorld(p);
    const b = initialWorld(p);
    const rng = createRng(3, 'live-cohorts');
    for (let k = 0; k < 20; k++) land(a, rng, t0);
    const live = new LiveCohorts();
    live.at(a, t0 + 3);
    expect(rows(live.at(a, t0 + 1))).toEqual(expected(a, t0 + 1));
    expect(rows(live.at(b, t0 + 1))).toEqual(expected(b, t0 + 1));
  });
});

test('inService is isAlive on the retirement time', () => {
  for (const [r, t] of [
    [2030, 2030],
    [2030, 2030 - 1e-10],
    [2030, 2030 - 2e-9],
    [2030.25, 2030],
  ])
    expect(inService(r, t)).toBe(isAlive({ retire_at: r }, t));
});

describe('plannerMemo', () => {
  test('reviews with the memo order what reviews without it order, as the fleet lands and retires', () => {
    const world = initialWorld(p);
    const memo = plannerMemo();
    const rng = createRng(11, 'planner-memo');
    const makeProfile = ANALYTIC_ROUTE.makeProfile;
    let reviews = 0;
    let bought = 0;
    for (let t = t0; t < t0 + 12; t += p.planner.review_every_years) {
      if (rng.next() < 0.7) land(world, rng, t);
      // some accelerators and a retrofit on order (chooseSite's per-site MW after retrofits)
      const pending = emptyPending(world.sites.length);
      pending.gpus.push({ site: 0, accelerator: p.hardware[0].name, count: 1000 });
      pending.retrofit[reviews % world.sites.length] = reviews % 2 === 0 ? 'immersion' : 'air';
      const left = { gpus: 1e6, hbm_tb: 1e6 };
      const kept = review(p, world, pending, left, t, makeProfile, undefined, memo);
      expect(kept).toEqual(review(p, world, pending, left, t, makeProfile));
      bought += kept.orders.filter((o) => o.kind === 'gpu_delivery').length;
      reviews++;
    }
    expect(reviews).toBe(48);
    expect(bought).toBeGreaterThan(10);
  });
});

test('each lead time draws from its named stream, planner.lead_time.<kind>', () => {
  for (const [kind, name] of Object.entries(LEAD_TIME_STREAM)) expect(name).toBe(`planner.lead_time.${kind}`);
});
