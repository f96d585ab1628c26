// The TypeScript attention's register tiles (src/moe/kern/tile44.ts) add each output's k terms in
// order in one double, from zero or from the destination: checked bit for bit against the plain
// in-order loop, so tiling four rows at a time, two at a time or accumulating over heads cannot
// change a result (the kernels rely on it to give the same bits whichever tile a product takes).
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createRng } from '../../../src/engine/rng.ts';
import { scoreTile44, tile44, tile44Acc, tile44Short } from '../../../src/moe/kern/tile44.ts';

/** A packed array of doubles (as the kernels' scratch), values spread over twenty binades. */
const doubles = (seed: number, n: number): number[] => {
  const r = createRng(`tile-${seed}`, 'tile44'),
    out: number[] = [];
  for (let i = 0; i < n; i++) out.push(r.normal(0, 1) * 2 ** r.int(-10, 10));
  return out;
};

/** D(r, j) from start(r, j), adding A(s, r)·B(s, j) for s = 0..k−1 in order. */
function inOrder(k: number, A: (s: number, r: number) => number, B: (s: number, j: number) => number, start: number[]) {
  return start.map((v, rj) => {
    let sum = v;
    for (let s = 0; s < k; s++) sum += A(s, rj >> 2) * B(s, rj & 3);
    return sum;
  });
}

const tileOut = (D: number[], d: number, ld: number): number[] =>
  Array.from({ length: 16 }, (_, rj) => D[d + (rj >> 2) * ld + (rj & 3)]);

describe('TypeScript attention tiles', () => {
  test.prop([fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 1e6 })])(
    'fresh products (four rows or two at a time) equal the in-order sum bit for bit',
    (k, a, seed) => {
      const A = doubles(seed, a + 4 * k + 4),
        b = 3,
        B = doubles(seed + 1, b + 4 * k + 4),
        want = inOrder(
          k,
          (s, r) => A[a + 4 * s + r],
          (s, j) => B[b + 4 * s + j],
          Array<number>(16).fill(0),
        );
      for (const tile of [tile44, tile44Short]) {
        const D = doubles(seed + 2, 50);
        tile(k, A, a, B, b, D, 5, 9);
        expect(tileOut(D, 5, 9)).toEqual(want);
      }
    },
  );

  test.prop([fc.integer({ min: 0, max: 19 }), fc.integer({ min: 4, max: 11 }), fc.integer({ min: 1, max: 1e6 })])(
    'the accumulating tile starts from the destination (A rows aStep apart)',
    (k, aStep, seed) => {
      const A = doubles(seed, 2 + aStep * k + 4),
        B = doubles(seed + 1, 4 * k + 1),
        D = doubles(seed + 2, 40),
        want = inOrder(
          k,
          (s, r) => A[2 + aStep * s + r],
          (s, j) => B[1 + 4 * s + j],
          tileOut(D, 3, 8),
        );
      tile44Acc(k, A, 2, aStep, B, 1, D, 3, 8);
      expect(tileOut(D, 3, 8)).toEqual(want);
    },
  );

  test.prop([fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 1e6 })])(
    'the score tile writes the in-order sums and raises each row maximum to its largest',
    (k, seed) => {
      const A = doubles(seed, 4 * k),
        B = doubles(seed + 1, 2 + 4 * k),
        D = doubles(seed + 2, 4 * 6),
        M = [-Infinity, 0, 1e9, -1e-9],
        want = inOrder(
          k,
          (s, r) => A[4 * s + r],
          (s, j) => B[2 + 4 * s + j],
          Array<number>(16).fill(0),
        );
      const before = M.slice();
      scoreTile44(k, A, B, 2, D, 1, 6, M);
      expect(tileOut(D, 1, 6)).toEqual(want);
      for (let r = 0; r < 4; r++) expect(M[r]).toBe(Math.max(before[r], ...want.slice(4 * r, 4 * r + 4)));
    },
  );
});
