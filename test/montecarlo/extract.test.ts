// Distributions in scenarios: found with pointers and positions, replaced by nominal values, every
// invalid fixture fails with its positioned message, and scenarios without any load as before.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/io/errors.ts';
import { loadScenario } from '../../src/scenario/load.ts';

const dir = 'test/fixtures/sweep/invalid';
const strip = (s: Record<string, unknown>) => {
  const { name: _n, description: _d, ...rest } = s;
  return rest;
};

describe('extracting distributions', () => {
  test('a scenario without distributions has none, and its hash is that of the scenario alone', () => {
    const loaded = loadScenario('scenarios/baseline-2025.yaml');
    expect(loaded.distributions).toBeUndefined();
    expect('distributions' in loaded).toBe(false);
  });
  test('uncertain-2025 lists each distribution with its pointer and file:line:col', () => {
    const loaded = loadScenario('scenarios/uncertain-2025.yaml');
    const d = loaded.distributions!;
    expect(d.map((x) => x.pointer)).toEqual([
      '/demand/growth_per_year',
      '/compute/mfu',
      '/compute/gpu_supply_growth_per_year',
      '/memory/hbm_supply_growth_per_year',
      '/network/kernel_latency_us',
      '/data/stock_tokens',
      '/algorithms/halving_years',
    ]);
    expect(d[0].where).toBe('scenarios/uncertain-2025.yaml:14:20');
    expect(d[0].nominal).toBe(4);
  });
  test('the nominal scenario of uncertain-2025 is baseline-2025 (medians, modes, means)', () => {
    const u = loadScenario('scenarios/uncertain-2025.yaml');
    const b = loadScenario('scenarios/baseline-2025.yaml');
    const nominal = strip(u.scenario as unknown as Record<string, unknown>);
    expect(nominal).toEqual(strip(b.scenario as unknown as Record<string, unknown>));
  });
  test('the hash covers the distributions, not only the nominal values', () => {
    expect(loadScenario('scenarios/uncertain-2025.yaml').hash).not.toBe(
      loadScenario('test/fixtures/sweep/uncertain-short.yaml').hash,
    );
  });
});

describe('invalid distributions fail with a positioned message', () => {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  test.each(files)('%s', (name) => {
    const file = `${dir}/${name}`;
    const expected = `${file}:${readFileSync(file, 'utf8')
      .split('\n')[0]
      .replace(/^# expect: /, '')}`;
    let problems: string[] = [];
    try {
      loadScenario(file);
    } catch (e) {
      if (e instanceof InputError) problems = e.problems;
      else throw e;
    }
    expect(problems[0]).toBe(expected);
  });
});
