// Objects a run builds again every run (or every step) get the same hidden class (V8 map) each time,
// so the code that reads them stays monomorphic and optimized across the thousands of runs of a
// sweep. On Node 20 (V8 11.3) a copy by spread followed by new fields ({ ...x, y }) gets a new map
// per evaluation, and a generator function made per run gives its generator objects a new map per
// run (docs/benchmarks.md, "Maps that do not repeat"). Checked with V8's own %HaveSameMap.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { learnedSkew } from '../../src/workload/learned-skew.ts';
import { emptyStepCommInputs } from '../../src/workload/step-comm.ts';

setFlagsFromString('--allow-natives-syntax');
// compiled after the flag is set: the intrinsic is only parsed with it
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b);') as (a: object, b: object) => boolean;

const loaded = loadScenario('scenarios/baseline-2025.yaml');

/** The last two of `n` results of `make`: the spread's new maps appear once its inline cache has
 * seen the copy a few times (the first evaluations take V8's generic path). */
function lastTwo<T>(make: () => T, n = 20): [T, T] {
  let a = make();
  let b = make();
  for (let i = 2; i < n; i++) [a, b] = [b, make()];
  return [a, b];
}

describe('objects made per run keep one map', () => {
  test('the probe tells maps apart', () => {
    expect(haveSameMap({ a: 1 }, { a: 2 })).toBe(true);
    expect(haveSameMap({ a: 1 }, { b: 1 })).toBe(false);
    // what the fixes below avoid: the field added after a spread makes a new map every time
    const base = { a: 1 };
    const spread = () => ({ ...base, b: 2 });
    expect(haveSameMap(...lastTwo(spread))).toBe(false);
  });

  test('normalized parameters: p.compute (its fields after a copy of the scenario`s) and p itself', () => {
    const [a, b] = lastTwo(() => normalize(loaded.scenario));
    expect(haveSameMap(a.compute, b.compute)).toBe(true);
    expect(haveSameMap(a, b)).toBe(true);
  });

  test('the learned skew, whichever source it uses', () => {
    const p = normalize(loaded.scenario);
    for (const skew of ['sourced', 0.3] as const) {
      const moe = { ...p.moe, learned_skew: skew };
      expect(haveSameMap(...lastTwo(() => learnedSkew(moe, 256, null)))).toBe(true);
    }
    const sourced = learnedSkew({ ...p.moe, learned_skew: 'sourced' }, 256, null);
    const stated = learnedSkew({ ...p.moe, learned_skew: 0.3 }, 256, null);
    expect(haveSameMap(sourced, stated)).toBe(true);
  });

  test('communication inputs: a fraction stored in a field leaves the next object`s map as it was', () => {
    const first = emptyStepCommInputs();
    const before = emptyStepCommInputs();
    // every field takes a fraction (what a run stores), then a fresh object is made
    for (const k of Object.keys(first) as (keyof typeof first)[]) if (k !== 'routing') first[k] = 0.5 as never;
    const after = emptyStepCommInputs();
    expect(haveSameMap(before, after)).toBe(true);
    expect(haveSameMap(first, after)).toBe(true);
  });
});
