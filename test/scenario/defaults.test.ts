// Defaults live in one place, schemas/scenario.schema.json, each with its source; loading applies
// them all, so the model parameters of a minimal scenario have no undefined anywhere.
import { expect, test } from 'vitest';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { scenarioSchema } from '../../src/scenario/schema.ts';

function defaultsIn(node: unknown, path = ''): { path: string; node: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => defaultsIn(v, `${path}/${i}`));
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const here = 'default' in o ? [{ path, node: o }] : [];
  return [...here, ...Object.entries(o).flatMap(([k, v]) => (k === 'default' ? [] : defaultsIn(v, `${path}/${k}`)))];
}

const isEmpty = (v: unknown) => typeof v === 'object' && v !== null && Object.keys(v).length === 0;

test('every default in the scenario schema names its source (x-source), bar empty sections and lists', () => {
  const all = defaultsIn(scenarioSchema());
  expect(all.length).toBeGreaterThan(80);
  const unsourced = all.filter((d) => !isEmpty(d.node.default) && typeof d.node['x-source'] !== 'string');
  expect(unsourced.map((d) => d.path)).toEqual([]);
});

function undefinedPaths(v: unknown, path = ''): string[] {
  if (v === undefined) return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => undefinedPaths(x, `${path}/${i}`));
  if (v instanceof Map || !v || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => undefinedPaths(x, `${path}/${k}`));
}

test('a minimal scenario loads with every default applied: nested ones too, and nothing undefined', () => {
  const { scenario } = loadScenario('test/fixtures/valid/minimal.yaml');
  // sections the file leaves out are filled from their members' defaults
  expect(scenario.compute.mfu).toBeUndefined(); // no default: the step model derives it (issue 12)
  expect(scenario.compute.run_share).toBe(0.67);
  expect(scenario.planner.lead_times.grid).toEqual({ median_years: 5, p90_years: 10 });
  expect(scenario.cooling.technologies.immersion).toEqual({ max_kw_per_rack: 300, pue: 1.05 });
  expect(scenario.cost.energy_price_usd_per_mwh).toBe(80.6);
  expect(scenario.sites[0].cooling).toEqual({ technology: 'air' });
  expect(undefinedPaths(normalize(scenario))).toEqual([]);
});

test('a value the scenario gives wins over the default, and its siblings keep theirs', () => {
  const { scenario } = loadScenario('scenarios/power-limited.yaml');
  expect(scenario.planner.lead_times.grid.median_years).toBe(7);
  expect(scenario.planner.lead_times.cooling_plant).toEqual({ median_years: 1.25, p90_years: 1.75 });
});
