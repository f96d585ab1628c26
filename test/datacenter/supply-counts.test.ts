// The supply ledgers' fold kept between a run's steps (src/datacenter/supply-counts.ts) gives, at
// every step, exactly the numbers a fresh pass over the ledger gives: while the ledger grows, as
// cohorts retire (out of order too), with cohorts pushed before their delivery, and when a step
// goes back in time or another ledger is folded.
import { describe, expect, test } from 'vitest';
import type { Params } from '../../src/params/params.ts';
import { newLedgerFold, supplyCounts } from '../../src/datacenter/supply-counts.ts';
import type { SupplyCohort } from '../../src/datacenter/world.ts';
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
