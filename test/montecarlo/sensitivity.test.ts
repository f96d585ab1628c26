// One-at-a-time swings: the nominal outcome is the nominal run's, each swing changes only its input,
// and the CLI prints the table and writes the JSON and tornado specs.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runScenario } from '../../src/model/run.ts';
import { quantileOf } from '../../src/distributions/quantile.ts';
import { oneAtATime, outcomeOf } from '../../src/montecarlo/sensitivity.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { runCli } from '../cli/helpers.ts';

const FILE = 'test/fixtures/sweep/uncertain-short.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'firstwall-sens-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('oneAtATime', () => {
  const loaded = loadScenario(FILE);
  const oat = oneAtATime(loaded, loaded.distributions!, 2028, 'binding');
  test('the nominal outcome is that of the nominal scenario run with its own seed', () => {
    expect(oat.nominal).toEqual(outcomeOf(runScenario(loaded), 2028, 'binding'));
  });
  test("each row swings its input to the distribution's p10 and p90", () => {
    loaded.distributions!.forEach((d, k) => {
      expect(oat.rows[k].p10).toBe(quantileOf(d.spec, 0.1));
      expect(oat.rows[k].p90).toBe(quantileOf(d.spec, 0.9));
    });
  });
  test('more demand growth means less headroom: the p90 swing is below the p10 swing', () => {
    const row = oat.rows.find((r) => r.pointer === '/demand/growth_per_year')!;
    expect(row.at_p90.headroom).toBeLessThan(row.at_p10.headroom);
  });
});

test('firstwall sensitivity prints a table and writes sensitivity.json and the tornados', async () => {
  const r = await runCli(['sensitivity', FILE, '--samples', '12', '--workers', '1', '--year', '2028', '--out', tmp]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/^uncertain-2025: nominal first-wall year \d{4}, headroom in 2028 \(binding\)/);
  expect(readdirSync(join(tmp, 'charts')).sort()).toEqual([
    'tornado-first-wall-year.vl.json',
    'tornado-headroom.vl.json',
  ]);
  const json = JSON.parse(readFileSync(join(tmp, 'sensitivity.json'), 'utf8')) as {
    rows: { spearman_first_wall_year: number | null }[];
  };
  expect(json.rows).toHaveLength(7);
});

test('a scenario without distributions has nothing to analyse', async () => {
  const r = await runCli(['sensitivity', 'test/fixtures/valid/minimal.yaml', '--samples', '0']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('has no distributions');
});
