// The report builders with the cost, fleet and Monte Carlo parts (fixtures): which charts, sections
// and data files appear when, the probabilities table with Wilson intervals, data/sweep.json in
// the `firstwall sweep` format, and byte-identical output for the same input.
import { describe, expect, test } from 'vitest';
import { sweepJson } from '../../src/report/sweep-output.ts';
import { buildCompareReport } from '../../src/report/compare-report.ts';
import { buildRunReport } from '../../src/report/run-report.ts';
import { baseline, buildout, noWall } from './fixtures.ts';
import { FLEET, sweepFixture, uncertaintyFixture } from './fixtures-extra.ts';

const paths = (files: { path: string }[]) => files.map((f) => f.path);
const text = (files: { path: string; content: string | Uint8Array }[], p: string) =>
  String(files.find((f) => f.path === p)?.content);
const SWEEP_CHARTS = ['headroom-fan', 'first-wall-probability', 'tornado-first-wall-year', 'tornado-headroom'];

describe('run report with uncertainty', () => {
  test('adds the fan, first-wall, tornado charts, the section with Wilson intervals, and data/sweep.json', async () => {
    const { files, warnings } = await buildRunReport({ result: baseline(), uncertainty: uncertaintyFixture() });
    expect(warnings).toEqual([]);
    for (const c of SWEEP_CHARTS)
      expect(paths(files)).toEqual(expect.arrayContaining([`charts/${c}.svg`, `charts/${c}.vl.json`]));
    expect(text(files, 'data/sweep.json')).toBe(sweepJson(sweepFixture()));
    expect(JSON.parse(text(files, 'data/sensitivity.json'))).toMatchObject({
      year: 2027,
      wall: 'binding',
      nominal: { first_wall_year: 2027 },
    });
    const html = text(files, 'index.html');
    // power: 180 of 500, p = 0.36, Wilson 95% by hand (z = 1.96, z^2/n = 0.0076832):
    // centre = (0.36 + 0.0038416) / 1.0076832 = 0.36107; half = 1.96 x sqrt(0.36 x 0.64 / 500
    // + 3.8416 / 10^6) / 1.0076832 = 0.04193; interval 31.9% - 40.3%
    expect(html).toContain('<tr><td class="text">power</td><td>180</td><td>36.0%</td><td>31.9% - 40.3%</td></tr>');
    expect(html).toContain('Over 500 Monte Carlo samples, data binds first most often: 43.0%');
    expect(html).toContain('p5 2026, median 2027, p95 2030; 1.0% of samples hit no wall by 2040');
    expect(html).toContain('<a href="data/sweep.json">data/sweep.json</a>');
  });
  test('without uncertainty there is no sweep chart, section or file', async () => {
    const { files } = await buildRunReport({ result: baseline() });
    for (const c of SWEEP_CHARTS) expect(paths(files)).not.toContain(`charts/${c}.svg`);
    expect(paths(files)).not.toContain('data/sweep.json');
    expect(text(files, 'index.html')).not.toContain('id="uncertainty"');
  });
  test('the same input gives byte-identical files', async () => {
    const a = await buildRunReport({ result: baseline(), uncertainty: uncertaintyFixture() });
    const b = await buildRunReport({ result: baseline(), uncertainty: uncertaintyFixture() });
    expect(a.files.map((f) => f.path)).toEqual(b.files.map((f) => f.path));
    expect(a.files.map((f) => String(f.content))).toEqual(b.files.map((f) => String(f.content)));
  });
});

describe('run report cost and fleet', () => {
  test('every costed run gets the energy-share chart and data/cost.csv (energy 5% in 2025, 20% in 2040)', async () => {
    const { files } = await buildRunReport({ result: baseline() });
    expect(paths(files)).toContain('charts/energy-share.svg');
    const rows = text(files, 'data/cost.csv').trim().split('\n');
    expect(rows).toHaveLength(1 + 16);
    const share = rows[0].split(',').indexOf('run_energy_share');
    expect(Number(rows[1].split(',')[share])).toBeCloseTo(0.05, 12);
    expect(Number(rows[16].split(',')[share])).toBeCloseTo(0.2, 12);
    expect(text(files, 'index.html')).toContain(
      'Energy stays 5.0%-20.0% of the frontier run&#39;s cost over 2025-2040',
    );
    expect(paths(files)).not.toContain('charts/fleet-electricity.svg');
  });
  test('a run without costs gets a note instead of an empty chart', async () => {
    const r = baseline();
    for (const s of r.steps) delete s.cost;
    const { files } = await buildRunReport({ result: r });
    expect(paths(files)).not.toContain('charts/energy-share.svg');
    expect(text(files, 'index.html')).toContain('Energy-share chart: this run carries no costs.');
  });
  test('a run with a fleet gets the fleet chart, its table and data/fleet.csv', async () => {
    const { files, warnings } = await buildRunReport({ result: { ...noWall(), fleet: FLEET } });
    expect(warnings).toEqual([]);
    expect(paths(files)).toEqual(expect.arrayContaining(['charts/fleet-electricity.svg', 'data/fleet.csv']));
    const html = text(files, 'index.html');
    expect(html).toContain('<h2>US AI fleet electricity</h2>');
    // 2018: AI 4 TWh, all data centers 76 TWh of 4,000 = 1.9%
    expect(html).toContain('<tr><td>2018</td><td>1,000,000</td><td>4</td><td>76</td><td>0.1%</td><td>1.9%</td></tr>');
  });
});

describe('compare report', () => {
  test('two scenarios get the scale compare and the energy-share comparison; three get no scale chart', async () => {
    const two = await buildCompareReport({ results: [baseline(), buildout()], years: [2030] });
    expect(two.warnings).toEqual([]);
    expect(paths(two.files)).toEqual(
      expect.arrayContaining([
        'charts/compare-scale.svg',
        'charts/compare-energy-share.svg',
        'data/compare-energy-share.csv',
      ]),
    );
    const three = await buildCompareReport({ results: [baseline(), buildout(), noWall()], years: [2030] });
    expect(paths(three.files)).not.toContain('charts/compare-scale.svg');
    expect(paths(three.files)).toContain('charts/compare-energy-share.svg');
  });
});
