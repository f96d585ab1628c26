import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { maxMinFair } from '../../src/network/fair-share.ts';
import { LinkFill } from '../../src/network/link-fill.ts';

describe('maxMinFair', () => {
  test('one link shared by n flows gives each capacity / n', () => {
    expect(maxMinFair([90], [[0], [0], [0]])).toEqual([30, 30, 30]);
  });

  test('the textbook example: a long flow and short flows on a chain (Bertsekas & Gallager 6.5)', () => {
    // Links A (cap 1) and B (cap 2). Flow 0 uses A and B, flow 1 uses A, flows 2 and 3 use B.
    // A is the bottleneck at 1/2 for flows 0 and 1; B then gives (2 - 1/2) / 2 = 3/4 to flows 2, 3.
    expect(maxMinFair([1, 2], [[0, 1], [0], [1], [1]])).toEqual([0.5, 0.5, 0.75, 0.75]);
  });

  test('contention on a shared link slows flows as max-min says, while an unshared flow keeps full rate', () => {
    // Two senders into one receiver port (cap 50) and a third flow on its own ports (cap 100).
    const r = maxMinFair(
      [100, 100, 100, 50, 100],
      [
        [0, 3],
        [1, 3],
        [2, 4],
      ],
    );
    expect(r).toEqual([25, 25, 100]);
  });

  test('rejects a flow without links and an unknown link', () => {
    expect(() => maxMinFair([1], [[]])).toThrow(/at least one link/);
    expect(() => maxMinFair([1], [[3]])).toThrow(/out of range/);
  });

  const instance = fc.integer({ min: 1, max: 8 }).chain((L) =>
    fc.record({
      caps: fc.array(fc.double({ min: 0.5, max: 100, noNaN: true }), { minLength: L, maxLength: L }),
      flows: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: L - 1 }), { minLength: 1, maxLength: L }), {
        minLength: 1,
        maxLength: 12,
      }),
    }),
  );

  test.prop([instance])('is feasible and every flow has a bottleneck link (max-min condition)', ({ caps, flows }) => {
    const r = maxMinFair(caps, flows);
    const load = caps.map(() => 0);
    flows.forEach((p, f) => p.forEach((l) => (load[l] += r[f])));
    load.forEach((x, l) => expect(x).toBeLessThanOrEqual(caps[l] * (1 + 1e-9)));
    flows.forEach((p, f) => {
      // A bottleneck: a saturated link on which no other flow gets more than f.
      const ok = p.some(
        (l) => load[l] >= caps[l] * (1 - 1e-9) && flows.every((q, g) => !q.includes(l) || r[g] <= r[f] * (1 + 1e-9)),
      );
      expect(ok).toBe(true);
    });
  });
});

describe('LinkFill (the flow network incremental solver)', () => {
  const instance = fc.integer({ min: 1, max: 8 }).chain((L) =>
    fc.record({
      caps: fc.array(fc.double({ min: 0.5, max: 100, noNaN: true }), { minLength: L, maxLength: L }),
      flows: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: L - 1 }), { minLength: 1, maxLength: L }), {
        minLength: 1,
        maxLength: 12,
      }),
      deadMask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    }),
  );
  test.prop([instance])(
    'gives the max-min rates of the live flows, whatever died before, and their earliest drain',
    ({ caps, flows, deadMask }) => {
      const offsets = new Int32Array(flows.length + 1);
      flows.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
      const links = new Int32Array(offsets[flows.length]);
      flows.forEach((p, i) => links.set(p, offsets[i]));
      const fill = new LinkFill(Float64Array.from(caps));
      flows.forEach((_, f) => fill.add(f, offsets, links));
      const dead = Uint8Array.from(flows, (_, f) => (deadMask[f] ? 1 : 0));
      flows.forEach((_, f) => dead[f] && fill.retire(f, offsets, links));
      const rate = new Float64Array(flows.length);
      const remaining = Float64Array.from(flows, (_, f) => 1 + f);
      const all = Int32Array.from(caps.keys());
      const next = fill.solve(all, all.length, offsets, links, rate, dead, remaining);
      const live = flows.filter((_, f) => !dead[f]);
      const expected = live.length ? maxMinFair(caps, live) : [];
      const got = flows.map((_, f) => rate[f]).filter((_, f) => !dead[f]);
      got.forEach((r, i) => expect(r).toBeCloseTo(expected[i], 9));
      // the earliest drain time of the live flows at their new rates
      const drains = flows.map((_, f) => remaining[f] / rate[f]).filter((_, f) => !dead[f]);
      expect(next).toBe(drains.length ? Math.min(...drains) : Infinity);
    },
  );
});
