import { describe, expect, test } from 'vitest';
import { deepMerge } from '../../src/scenario/extends.ts';
import { loadScenario } from '../../src/scenario/load.ts';

describe('deepMerge', () => {
  test('maps merge key by key', () => {
    expect(deepMerge({ a: { x: 1, y: 2 }, b: 1 }, { a: { y: 3 } })).toEqual({ a: { x: 1, y: 3 }, b: 1 });
  });
  test('lists replace, they do not concatenate', () => {
    expect(deepMerge({ l: [1, 2, 3] }, { l: [9] })).toEqual({ l: [9] });
  });
  test('a scalar replaces a map and vice versa', () => {
    expect(deepMerge({ a: { x: 1 } }, { a: 5 })).toEqual({ a: 5 });
    expect(deepMerge({ a: 5 }, { a: { x: 1 } })).toEqual({ a: { x: 1 } });
  });
  test('null removes what the base gave; a null with nothing to remove stays (the schema rejects it)', () => {
    expect(deepMerge({ c: { mfu: 0.4, p: 'bf16' } }, { c: { mfu: null } })).toEqual({ c: { p: 'bf16' } });
    expect(deepMerge({ c: { p: 'bf16' } }, { c: { mfu: null } })).toEqual({ c: { p: 'bf16', mfu: null } });
  });
  test('inputs are not mutated', () => {
    const base = { a: { x: 1 } };
    deepMerge(base, { a: { x: 2 } });
    expect(base).toEqual({ a: { x: 1 } });
  });
});

describe('extends', () => {
  test('a what-if overrides one value and keeps the rest of its base', () => {
    const s = loadScenario('test/fixtures/valid/whatif.yaml');
    expect(s.scenario.name).toBe('whatif');
    expect(s.scenario.demand.growth_per_year).toBe(8);
    expect(s.scenario.demand.frontier_run_flop).toBe(1e26);
    expect(s.scenario.sites[0].installed).toEqual([{ accelerator: 'H100', count: 1000 }]);
    expect(s.files).toEqual(['test/fixtures/valid/minimal.yaml', 'test/fixtures/valid/whatif.yaml']);
    expect(s.raw).not.toHaveProperty('extends');
  });
  test('schema defaults are applied but the raw scenario stays as written', () => {
    const s = loadScenario('test/fixtures/valid/minimal.yaml');
    expect(s.scenario.horizon.step_years).toBe(1);
    expect(s.scenario.seed).toBe(1);
    expect((s.raw.horizon as Record<string, unknown>).step_years).toBeUndefined();
  });
});
