// fleetRunFlop reads each generation's sustained FLOP/s once (when ordering the generations) and
// sums from that: the same figure as reading it again per prefix, as it did. Pinned against that
// reading on mixed fleets with ties, zero counts and a communication efficiency that falls with the run.
import { describe, expect, test } from 'vitest';
import { fleetRunFlop, type GenerationCount, type WallInputs } from '../../src/walls/inputs.ts';
import { H100, wallInputs } from './fixtures.ts';

/** fleetRunFlop as it was: a stable sort by speed, then the prefixes, each speed read again. */
function reference(x: WallInputs, gens: GenerationCount[]): number {
  const sorted = gens.filter((g) => g.count > 0).sort((a, b) => x.sustained(b.acc) - x.sustained(a.acc));
  let best = 0;
  let flopPerS = 0;
  let gpus = 0;
  let most: GenerationCount | null = null;
  for (const g of sorted) {
    flopPerS += g.count * x.sustained(g.acc);
    gpus += g.count;
    if (!most || g.count > most.count) most = g;
    const eta = x.comm_efficiency(gpus * x.run_share, flopPerS / gpus, most.acc);
    best = Math.max(best, flopPerS * x.run_share * eta * x.training_seconds);
  }
  return best;
}

const gen = (name: string, peak: number) => ({ ...H100, name, peak_flop_per_s: peak });
const A = gen('A', 1e15);
const B = gen('B', 2.5e15);
const C = gen('C', 1e15); // as fast as A: the tie keeps their given order
const D = gen('D', 0.3e15);

describe('fleetRunFlop', () => {
  const x = wallInputs({
    run_share: 0.6,
    comm_efficiency: (gpus, flopPerS, acc) => 1 / (1 + gpus / 4e4 + flopPerS / 1e17 + (acc === C ? 0.1 : 0)),
  });
  const fleets: GenerationCount[][] = [
    [],
    [{ acc: A, count: 0 }],
    [{ acc: A, count: 1000 }],
    [
      { acc: A, count: 10_000 },
      { acc: B, count: 3000 },
      { acc: C, count: 20_000 },
      { acc: D, count: 50_000 },
    ],
    [
      { acc: D, count: 7 },
      { acc: C, count: 0 },
      { acc: B, count: 123_456.5 },
      { acc: A, count: 99 },
      { acc: B, count: 11 },
    ],
  ];
  test.each(fleets.map((f, i) => [i, f] as const))(
    'fleet %i: the prefixes’ best, as reading each speed per prefix',
    (_, f) => {
      expect(fleetRunFlop(x, f)).toBe(reference(x, f));
    },
  );
  test('each generation’s speed is read once', () => {
    let reads = 0;
    const counted = { ...x, sustained: (a: typeof A) => (reads++, x.sustained(a)) };
    fleetRunFlop(counted, fleets[3]);
    expect(reads).toBe(4);
  });
  test('nothing of a call stays in its scratch (it holds no generation past the call)', () => {
    expect(fleetRunFlop(x, fleets[3])).toBe(fleetRunFlop(x, [...fleets[3]]));
    expect(fleetRunFlop(x, fleets[2])).toBe(reference(x, fleets[2]));
  });
});
