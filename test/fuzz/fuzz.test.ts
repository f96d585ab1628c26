// Issue 17 item 7: the scenario fuzzer in the suite. A few hundred seeded mutants of the shipped
// scenarios (from the schema: extremes, wrong types, deletions, unknown keys, added fields, special
// files), each in a worker thread with a heap cap and a time budget: every mutant `validate`
// accepts runs to a finite, schema-valid result; every rejection points at the mutated node.
// The long run is by hand: `npm run fuzz -- --cases 20000`.
import { expect, test } from 'vitest';
import { formatFailure, fuzz } from './pool.ts';

const CASES = 150;

test(`${CASES} scenario mutants: accepted ones run finite and schema-valid, rejected ones point at the change`, async () => {
  // the budget is generous (2 cores shared by many jobs): it catches hangs and runaway memory, not slowness
  // memory-wall.yaml is left to the long run: its flow simulation takes seconds per run (a finding)
  const summary = await fuzz({
    seed: 2026,
    cases: CASES,
    timeoutMs: 300_000,
    memoryMb: 512,
    exclude: ['memory-wall.yaml'],
  });
  expect(summary.failures.map(formatFailure)).toEqual([]);
  const total = (suffix: string) =>
    Object.entries(summary.counts)
      .filter(([k]) => k.endsWith(suffix))
      .reduce((a, [, n]) => a + n, 0);
  // the generator is not degenerate: both outcomes occur, and every kind of mutation was drawn
  expect(total(' accepted')).toBeGreaterThan(CASES / 10);
  expect(total(' rejected')).toBeGreaterThan(CASES / 4);
  for (const kind of ['extreme', 'type', 'delete', 'unknown-key', 'add-field', 'special-file'])
    expect(
      Object.keys(summary.counts).some((k) => k.startsWith(`${kind} `)),
      kind,
    ).toBe(true);
}, 900_000);
