// Names the model compares every run are V8's internalized strings from normalize on, so their
// instance type never changes mid-sweep (a plain string used once as a property key becomes a
// thin string: src/params/interned.ts). Checked with V8's own %HaveSameMap against a literal.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { interned } from '../../src/params/interned.ts';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';

setFlagsFromString('--allow-natives-syntax');
// compiled after the flag is set: intrinsics are only parsed with it
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b);') as (a: string, b: string) => boolean;
/** Internalized: the same map as a source literal's string (literals are internalized). */
const isInterned = (s: string) => haveSameMap(s, 'literal');

describe('interned names', () => {
  test('the probe: a string read from bytes is not internalized, its interned copy is', () => {
    const plain = Buffer.from('H100 SXM').toString();
    expect(isInterned(plain)).toBe(false);
    expect(isInterned(interned(plain))).toBe(true);
    expect(interned(plain)).toBe('H100 SXM');
    // used once as a key, the plain string changes instance type: what interning avoids
    const byName: Record<string, number> = {};
    byName[plain] = 1;
    expect(isInterned(plain)).toBe(false);
  });

  test('normalize interns accelerator, site, region and cooling names', () => {
    const p = normalize(loadScenario('scenarios/baseline-2025.yaml').scenario);
    const names = [
      ...p.hardware.map((h) => h.name),
      ...p.sites.flatMap((s) => [s.name, s.region, s.cooling_technology, ...s.installed.map((i) => i.accelerator)]),
      p.planner.new_sites.region,
      p.planner.new_sites.cooling_technology,
      p.cooling.retrofit_to,
    ];
    for (const n of names) expect([n, isInterned(n)]).toEqual([n, true]);
  });
});
