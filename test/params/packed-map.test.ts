// Arrays the model reads every run keep one elements kind (so one hidden class) whichever tier
// built them: Array.prototype.map gives a packed array from the builtin and, on Node 20 (V8 11.3),
// a holey one once TurboFan inlines it, which deoptimized every optimized reader of p.hardware,
// p.sites and world.sites mid-sweep (docs/benchmarks.md, "Maps that do not repeat").
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { initialWorld } from '../../src/datacenter/world.ts';
import { mapPacked } from '../../src/params/packed-map.ts';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';

setFlagsFromString('--allow-natives-syntax');
// compiled after the flag is set: intrinsics are only parsed with it
const holey = new Function('a', 'return %HasHoleyElements(a);') as (a: unknown[]) => boolean;
/** `f`'s result from the interpreter, then from TurboFan's code for `f` (forced). */
const bothTiers = new Function(
  'f',
  'arg',
  `%PrepareFunctionForOptimization(f);
   const first = f(arg); f(arg);
   %OptimizeFunctionOnNextCall(f);
   return [first, f(arg)];`,
) as <A, R>(f: (a: A) => R, arg: A) => [R, R];

const loaded = loadScenario('scenarios/baseline-2025.yaml');

describe('arrays built packed in every tier', () => {
  test('the probe: a plain map turns holey when optimized, mapPacked stays packed', () => {
    const xs = [{ a: 1 }, { a: 2 }, { a: 3 }];
    const viaMap = (v: typeof xs) => v.map((x) => ({ b: x.a }));
    const viaPacked = (v: typeof xs) => mapPacked(v, (x) => ({ b: x.a }));
    const [m0, m1] = bothTiers(viaMap, xs);
    expect(holey(m0)).toBe(false);
    // V8 11.3's inlined map; if a later V8 keeps it packed, mapPacked is merely no longer needed
    if (process.versions.v8.startsWith('11.3')) expect(holey(m1)).toBe(true);
    const [p0, p1] = bothTiers(viaPacked, xs);
    expect([holey(p0), holey(p1)]).toEqual([false, false]);
    expect(p1).toEqual(m1);
  });

  test('normalized hardware, sites and installed lists, and the world`s sites and supply', () => {
    const [a, b] = bothTiers(normalize, loaded.scenario);
    for (const p of [a, b]) {
      expect(holey(p.hardware)).toBe(false);
      expect(holey(p.sites)).toBe(false);
      for (const s of p.sites) expect(holey(s.installed)).toBe(false);
    }
    expect(b).toEqual(a);
    const [w0, w1] = bothTiers(initialWorld, a);
    for (const w of [w0, w1]) {
      expect(holey(w.sites)).toBe(false);
      expect(holey(w.supply_gpus)).toBe(false);
      expect(holey(w.hbm_supply_gpus)).toBe(false);
    }
  });
});
