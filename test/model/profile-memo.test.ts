// The runs of one route share profiles by exact shape (src/model/profile-memo.ts), while each run
// still takes a bucket's profile from its own first size: a run's figures are those of per-run
// profiles alone, and a shape that differs in any field gets its own profile.
import { describe, expect, test } from 'vitest';
import { memoizedProfile } from '../../src/model/profile-memo.ts';
import { analyticProfile } from '../../src/workload/analytic.ts';
import { shapeAt } from '../../src/workload/shape.ts';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import type { ModelShape } from '../../src/moe/shape.ts';

const family = normalize(loadScenario('scenarios/baseline-2025.yaml').scenario).model;

/** A route's makeProfile that counts the profiles it makes. */
function countingRoute() {
  const made: number[] = [];
  const make = (s: ModelShape) => {
    made.push(s.d_model);
    return analyticProfile(s);
  };
  return { make, made };
}

describe('memoizedProfile', () => {
  test('a second run of the route makes no profile again, and gets the same figures', () => {
    const { make, made } = countingRoute();
    const sizes = [4096.5, 8192.25, 16384.125];
    const placement = { ep_devices: 8, gpus_per_node: 8, max_nodes_per_token: 4, a2a_bytes_per_element: 2 };
    const first = memoizedProfile(make);
    const a = sizes.map((d) => first(shapeAt(family, d)).at(2048, placement));
    expect(made).toEqual(sizes);
    const second = memoizedProfile(make);
    const b = sizes.map((d) => second(shapeAt(family, d)).at(2048, placement));
    expect(made).toEqual(sizes);
    expect(b).toEqual(a);
    expect(b).toEqual(sizes.map((d) => analyticProfile(shapeAt(family, d)).at(2048, placement)));
  });

  test("each run takes a bucket's profile from its own first size", () => {
    const { make } = countingRoute();
    const x = shapeAt(family, 5000.1);
    const y = shapeAt(family, 5000.2); // the same bucket (4 significant digits)
    const one = memoizedProfile(make);
    expect(one(x).shape.d_model).toBe(5000.1);
    expect(one(y).shape.d_model).toBe(5000.1);
    const two = memoizedProfile(make);
    expect(two(y).shape.d_model).toBe(5000.2);
    expect(two(x).shape.d_model).toBe(5000.2);
  });

  test('a shape that differs in any field, at the same d_model, gets its own profile', () => {
    const { make, made } = countingRoute();
    const base = shapeAt(family, 7000.5);
    memoizedProfile(make)(base);
    for (const key of Object.keys(base) as (keyof ModelShape)[]) {
      if (key === 'd_model') continue;
      const before = made.length;
      const other = { ...base, [key]: base[key] + 1 };
      expect(memoizedProfile(make)(other).shape[key], key).toBe(base[key] + 1);
      expect(made.length, key).toBe(before + 1);
    }
  });
});
