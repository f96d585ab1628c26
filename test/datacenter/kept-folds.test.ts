// The folds kept between a run's steps, of the supply ledgers (src/datacenter/supply-counts.ts) and
// of the accelerators alive per site (src/datacenter/frame.ts aliveBySite), give at every step
// exactly the numbers a fresh pass gives: while the cohorts grow, as they retire (out of order too),
// with supply pushed before its delivery, and when a step goes back in time or other cohorts come.
import { describe, expect, test } from 'vitest';
import type { Params } from '../../src/params/params.ts';
import { newLedgerFold, supplyCounts } from '../../src/datacenter/supply-counts.ts';
import { aliveBySite, newAliveFold, type SiteCounts } from '../../src/datacenter/frame.ts';
import type { Cohort, SupplyCohort, World } from '../../src/datacenter/world.ts';
import { H100 } from '../walls/fixtures.ts';

const B200 = { ...H100, name: 'B200' };
const R100 = { ...H100, name: 'R100' };
const p = { hardware_by_name: new Map([H100, B200, R100].map((a) => [a.name, a])) } as unknown as Params;

/** A deterministic stream in [0, 1) (a fixed LCG: the test needs variety, not randomness). */
function stream(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const fresh = (ledger: SupplyCohort[], t: number) => supplyCounts(ledger, t, p);
/** Counts compared by their bits: names, order and sums. */
const bits = (gens: ReturnType<typeof fresh>) =>
  gens.map((g) => [g.acc.name, g.count.toString(), Object.is(g.count, -0)]);

describe('supply counts kept between steps', () => {
  test('equal a fresh pass at every step of a growing ledger with retirements and late deliveries', () => {
    for (const seed of [1, 2, 3, 4]) {
      const next = stream(seed);
      const names = ['H100', 'B200', 'R100'];
      const ledger: SupplyCohort[] = [
        { accelerator: 'H100', count: 1000, from: 2025, retire_at: 2027 },
        { accelerator: 'B200', count: 0.1, from: 2025, retire_at: 2031 },
      ];
      const fold = newLedgerFold();
      let retirements = 0;
      for (let t = 2025; t <= 2035; t += 0.25) {
        // pushes with fractional counts, some delivered later, some retiring early or out of order
        for (let k = Math.floor(next() * 3); k > 0; k--) {
          const from = next() < 0.2 ? t + 0.5 : t;
          ledger.push({
            accelerator: names[Math.floor(next() * 3)],
            count: next() * 1e5,
            from,
            retire_at: from + (next() < 0.1 ? 0.3 : 1 + next() * 3),
          });
        }
        if (ledger.some((c) => c.retire_at > t - 0.25 + 1e-9 && !(c.retire_at > t + 1e-9))) retirements++;
        expect(bits(supplyCounts(ledger, t, p, fold))).toEqual(bits(fresh(ledger, t)));
      }
      expect(retirements).toBeGreaterThan(5); // not vacuous: the fold started again many times
    }
  });

  test('a step back in time or another ledger folds afresh', () => {
    const a: SupplyCohort[] = [
      { accelerator: 'H100', count: 3, from: 2025, retire_at: 2030 },
      { accelerator: 'B200', count: 5, from: 2026, retire_at: 2031 },
    ];
    const b: SupplyCohort[] = [{ accelerator: 'R100', count: 7, from: 2025, retire_at: 2040 }];
    const fold = newLedgerFold();
    for (const [ledger, t] of [
      [a, 2027],
      [a, 2025.5],
      [b, 2026],
      [a, 2030.5],
      [a, 2026],
    ] as const)
      expect(bits(supplyCounts(ledger, t, p, fold))).toEqual(bits(fresh(ledger, t)));
  });
});

describe('alive counts per site kept between steps', () => {
  /** Names and counts per site, counts by their bits. */
  const siteBits = (sites: SiteCounts[]) => sites.map((s) => [[...s.names], s.counts.map((c) => c.toString())]);

  test('equal a fresh pass at every step as cohorts land and retire and sites are added', () => {
    for (const seed of [5, 6, 7]) {
      const next = stream(seed);
      const names = ['H100', 'B200', 'R100'];
      const cohorts: Cohort[] = [
        { site: 0, accelerator: 'H100', count: 100, landed_at: 2025, retire_at: 2027 },
        { site: 1, accelerator: 'B200', count: 0.5, landed_at: 2025, retire_at: 2030 },
      ];
      const world = { sites: [{}, {}], cohorts } as unknown as World;
      const into: SiteCounts[] = [];
      const fold = newAliveFold();
      let retirements = 0;
      for (let t = 2025; t <= 2035; t += 0.25) {
        if (next() < 0.05) world.sites.push({} as World['sites'][number]);
        for (let k = Math.floor(next() * 3); k > 0; k--)
          cohorts.push({
            site: Math.floor(next() * world.sites.length),
            accelerator: names[Math.floor(next() * 3)],
            count: next() * 1e4,
            landed_at: t,
            retire_at: t + (next() < 0.1 ? 0.3 : 1 + next() * 3),
          });
        if (cohorts.some((c) => c.retire_at > t - 0.25 + 1e-9 && !(c.retire_at > t + 1e-9))) retirements++;
        const kept = aliveBySite(world, t, into, fold);
        expect(kept).toBe(into);
        expect(siteBits(kept)).toEqual(siteBits(aliveBySite(world, t)));
      }
      expect(retirements).toBeGreaterThan(5);
    }
  });

  test('a step back in time, other cohorts or other arrays count afresh', () => {
    const a = {
      sites: [{}, {}],
      cohorts: [
        { site: 0, accelerator: 'H100', count: 3, landed_at: 2025, retire_at: 2030 },
        { site: 1, accelerator: 'B200', count: 5, landed_at: 2026, retire_at: 2031 },
      ],
    } as unknown as World;
    const b = {
      sites: [{}],
      cohorts: [{ site: 0, accelerator: 'R100', count: 7, landed_at: 2025, retire_at: 2040 }],
    } as unknown as World;
    const fold = newAliveFold();
    const into: SiteCounts[] = [];
    for (const [world, t, arrays] of [
      [a, 2027, into],
      [a, 2025.5, into],
      [b, 2026, into],
      [a, 2030.5, into],
      [a, 2030.6, []],
      [a, 2030.7, into],
    ] as const)
      expect(siteBits(aliveBySite(world, t, arrays as SiteCounts[], fold))).toEqual(siteBits(aliveBySite(world, t)));
  });
});
