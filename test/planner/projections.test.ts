// The planner's kept projections (src/planner/projections.ts): over a run's reviews they answer what
// a Map of every projection answers while the time is among the last PROJECTIONS_KEPT entries, the
// newest entry for a time wins, and an older time is forgotten (then projected again).
import { describe, expect, test } from 'vitest';
import { PROJECTIONS_KEPT, Projections } from '../../src/planner/projections.ts';
import type { ProjectedRun } from '../../src/planner/projection.ts';

/** A stand-in projected run, told apart by its boost. */
const run = (boost: number) => ({ boost }) as unknown as ProjectedRun;

describe('Projections', () => {
  test('quarterly reviews asking three horizons find what a Map of every projection finds', () => {
    const kept = new Projections();
    const all = new Map<number, ProjectedRun>();
    let asked = 0;
    let found = 0;
    for (let t = 2025; t < 2040; t += 0.25)
      for (const ahead of [1.75, 3, 1.5]) {
        const at = t + ahead;
        asked++;
        const hit = kept.get(at);
        expect(hit).toBe(all.get(at));
        if (hit !== undefined) found++;
        else {
          const r = run(at);
          kept.set(at, r);
          all.set(at, r);
        }
      }
    expect(found).toBeGreaterThan(asked / 2); // most projections are repeats
  });

  test('a later entry for the same time is found first', () => {
    const kept = new Projections();
    const first = run(1);
    const later = run(2);
    kept.set(2030, first);
    kept.set(2031, run(3));
    kept.set(2030, later);
    expect(kept.get(2030)).toBe(later);
    expect(kept.get(2029)).toBeUndefined();
  });

  test('past PROJECTIONS_KEPT entries the oldest are forgotten, the rest still found', () => {
    const kept = new Projections();
    const runs = Array.from({ length: PROJECTIONS_KEPT + 5 }, (_, i) => run(i));
    runs.forEach((r, i) => kept.set(2025 + i / 8, r));
    for (let i = 0; i < runs.length; i++) expect(kept.get(2025 + i / 8)).toBe(i < 5 ? undefined : runs[i]);
  });
});
