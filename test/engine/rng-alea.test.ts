// The streams step Alea themselves (engine/rng.ts): the sequence must stay seedrandom's, bit for
// bit, or every seeded result in the project would shift.
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRng, RandomStreams } from '../../src/engine/index.ts';

const CASES: [string | number, string][] = [
  [1, 'bench.engine.wait'],
  [2025, 'sample:17/power.lead_time'],
  ['seed', ''],
  [0, 'a/b/c'],
];

describe('AleaRng', () => {
  it.each(CASES)('createRng(%s, %s) draws seedrandom.alea("seed/name") exactly (20,000 draws)', (seed, name) => {
    const ref = seedrandom.alea(`${seed}/${name}`);
    const rng = createRng(seed, name);
    let firstMismatch = -1;
    for (let i = 0; i < 20_000 && firstMismatch < 0; i++) if (!Object.is(rng.next(), ref())) firstMismatch = i;
    expect(firstMismatch).toBe(-1);
  });

  it.each(CASES)(
    'fill(out, n) continues createRng(%s, %s) exactly, interleaved with next() (200,000 draws)',
    (seed, name) => {
      // ~100 of these steps take Alea's carry (probability ~2^-11 a draw), the path fill splits off
      const ref = seedrandom.alea(`${seed}/${name}`);
      const rng = createRng(seed, name);
      const buf = new Float64Array(4099);
      let firstMismatch = -1;
      for (let drawn = 0, n = 1; drawn < 200_000 && firstMismatch < 0; n = (n * 7 + 3) % buf.length) {
        rng.fill(buf, n);
        for (let i = 0; i < n && firstMismatch < 0; i++) if (!Object.is(buf[i], ref())) firstMismatch = drawn + i;
        if (!Object.is(rng.next(), ref())) firstMismatch = drawn + n;
        drawn += n + 1;
      }
      expect(firstMismatch).toBe(-1);
    },
  );

  it('exponential, int and normal are the documented transforms of that sequence', () => {
    const ref = seedrandom.alea('7/x');
    const rng = createRng(7, 'x');
    expect(rng.exponential(50)).toBe(-50 * Math.log(1 - ref()));
    expect(rng.int(3, 9)).toBe(3 + Math.floor(ref() * 7));
    const u1 = 1 - ref();
    const u2 = ref();
    expect(rng.normal(10, 2)).toBe(10 + 2 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
  });

  it('fork(child) is the stream named name/child; RandomStreams.get hands out the same streams', () => {
    const forked = createRng(3, 'a').fork('b');
    expect(forked.name).toBe('a/b');
    const direct = new RandomStreams(3).get('a/b');
    for (let i = 0; i < 100; i++) expect(forked.next()).toBe(direct.next());
  });

  it('rejects a non-positive mean without drawing', () => {
    const rng = createRng(1, 'x');
    expect(() => rng.exponential(0)).toThrow(/mean must be > 0/);
    expect(rng.next()).toBe(seedrandom.alea('1/x')());
  });
});
