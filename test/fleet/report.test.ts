// The fleet part of a run report for a world fleet: the charts validate against Vega-Lite's schema
// and compile without warnings; the published bands and markers in the chart data are the cited
// figures (with what they measure in the label); the tables put the model beside the published
// 2024/2028/2030/2035 figures and show the back-cast; the CSV files keep AI apart from all data
// centres. The run is the report fixture with the world fleet of fleet-world-2035.yaml attached.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { loadScenario } from '../../src/scenario/load.ts';
import { normalizeFleetSpec } from '../../src/fleet/params.ts';
import { fleetResult } from '../../src/fleet/world.ts';
import { PUBLISHED, type PublishedFigure } from '../../src/fleet/published.ts';
import { fleetCharts } from '../../src/report/fleet-report.ts';
import { buildRunReport } from '../../src/report/run-report.ts';
import { compileSpec } from '../../src/report/render.ts';
import { baseline } from '../report/fixtures.ts';

const { scenario } = loadScenario('scenarios/fleet-world-2035.yaml');
const fleet = fleetResult(normalizeFleetSpec(scenario.fleet!, scenario.horizon));
const result = { ...baseline(), fleet };
const defs = fleetCharts(result);
const spec = (name: string) => defs.find((d) => d.name === name)!.spec;

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false }).compile(schema);

interface Mark {
  label: string;
  low: number;
  high: number;
  year: number;
}
/** Every published mark (rows with a label) in a spec, with the title of the view it sits in. */
function marksOf(s: unknown, view = ''): { view: string; mark: Mark }[] {
  if (Array.isArray(s)) return s.flatMap((x) => marksOf(x, view));
  if (!s || typeof s !== 'object') return [];
  const o = s as Record<string, unknown>;
  const here = typeof o.title === 'string' ? o.title : view;
  const values = (o.data as { values?: Record<string, unknown>[] } | undefined)?.values ?? [];
  const own = values
    .filter((v) => typeof v.label === 'string')
    .map((v) => ({ view: here, mark: v as unknown as Mark }));
  return [...own, ...['layer', 'vconcat'].flatMap((k) => marksOf(o[k], here))];
}
const expected = (list: PublishedFigure[], value: 'twh' | 'share' | 'ai_share_of_dc') =>
  list
    .filter((p) => p.year >= 2018 && p.year <= 2035 && p[value])
    .map((p) => ({ year: p.year, low: p[value]![0], high: p[value]![1], source: p.source }));
const sorted = <T extends { year: number; low: number; high: number }>(xs: T[]) =>
  xs
    .map((x) => ({ year: x.year, low: x.low, high: x.high }))
    .sort((a, b) => a.year - b.year || a.low - b.low || a.high - b.high);

describe('fleet charts of a world fleet', () => {
  test('fleet-electricity, fleet-world, fleet-regions and fleet-shares, each valid and warning-free', () => {
    expect(defs.map((d) => d.name)).toEqual(['fleet-electricity', 'fleet-world', 'fleet-regions', 'fleet-shares']);
    for (const d of defs) {
      expect(validate(d.spec), `${d.name}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
      const warnings: string[] = [];
      compileSpec(d.spec as TopLevelSpec, warnings);
      expect(warnings).toEqual([]);
    }
  });
  test('fleet-world: the bands and markers are the published world TWh figures, labelled with what they measure', () => {
    const marks = marksOf(spec('fleet-world')).map((m) => m.mark);
    const world = PUBLISHED.filter((p) => p.region === 'World');
    expect(sorted(marks)).toEqual(sorted(expected(world, 'twh')));
    expect(marks.find((m) => m.year === 2030 && m.low === 945)?.label).toBe('IEA 2025 base (all data centres, Q)');
    expect(marks.find((m) => m.year === 2025 && m.low === 93)?.label).toBe('Gartner 2025 (AI only, P)');
  });
  test("fleet-regions: each region's panel holds exactly that region's published TWh figures", () => {
    const marks = marksOf(spec('fleet-regions'));
    for (const region of ['US', 'China', 'Europe', 'RoW', 'World']) {
      const got = marks.filter((m) => m.view === region).map((m) => m.mark);
      expect(sorted(got)).toEqual(
        sorted(
          expected(
            PUBLISHED.filter((p) => p.region === region),
            'twh',
          ),
        ),
      );
    }
    const us = marks.filter((m) => m.view === 'US').map((m) => m.mark);
    expect(us.find((m) => m.year === 2028 && m.label.startsWith('LBNL 2024'))).toMatchObject({ low: 325, high: 580 });
  });
  test('fleet-shares: the published shares of electricity and the AI shares of data-centre load', () => {
    const marks = marksOf(spec('fleet-shares'));
    const shares = marks.filter((m) => m.view.startsWith('All data centres')).map((m) => m.mark);
    const ai = marks.filter((m) => m.view.startsWith('AI accelerators')).map((m) => m.mark);
    expect(sorted(shares)).toEqual(sorted(expected(PUBLISHED, 'share')));
    expect(sorted(ai)).toEqual(sorted(expected(PUBLISHED, 'ai_share_of_dc')));
    expect(shares.find((m) => m.label.startsWith('US: EPRI 2024'))).toMatchObject({ low: 0.046, high: 0.091 });
    expect(ai.find((m) => m.year === 2024)).toMatchObject({
      label: 'World: Carbon Brief (IEA) (AI only, E)',
      low: 0.05,
    });
  });
});

describe('fleet report of a world fleet', async () => {
  const { files, warnings } = await buildRunReport({ result });
  const text = (p: string) => String(files.find((f) => f.path === p)?.content);
  const html = text('index.html');
  test('renders every chart without warnings and writes the fleet CSV files', () => {
    expect(warnings).toEqual([]);
    const paths = files.map((f) => f.path);
    for (const c of ['fleet-electricity', 'fleet-world', 'fleet-regions', 'fleet-shares']) {
      expect(paths).toEqual(expect.arrayContaining([`charts/${c}.svg`, `charts/${c}.vl.json`]));
    }
    expect(paths).toEqual(
      expect.arrayContaining(['data/fleet.csv', 'data/fleet-regions.csv', 'data/fleet-published.csv']),
    );
  });
  test('the model beside the published figures: one row per figure at 2024/2028/2030/2035, same measure', () => {
    const w30 = fleet.years.find((y) => y.year === 2030)!;
    const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
    expect(html).toContain(
      `<td class="text">World</td><td>2030</td><td>IEA 2025 base (Q)</td><td>all data centres</td><td>945</td><td>${fmt(w30.total_dc_twh)}</td>`,
    );
    expect(html).toContain(
      `<td class="text">World</td><td>2030</td><td>Gartner 2025 (P)</td><td>AI only</td><td>432</td><td>${fmt(w30.ai_twh)}</td>`,
    );
    const rows = html.match(
      /<td class="text">(US|China|Europe|RoW|World)<\/td><td>(2024|2028|2030|2035)<\/td><td>[^<]+<\/td><td>(all data centres|AI only)<\/td>/g,
    );
    const figures = PUBLISHED.filter((p) => [2024, 2028, 2030, 2035].includes(p.year));
    expect(rows?.length).toBe(figures.length);
  });
  test('the back-cast table: LBNL 2023 and the IEA 2024 world total, with the model and its error', () => {
    expect(html).toContain('Back-cast: the model against published estimates of past years, all data centres');
    expect(html).toMatch(
      /<td class="text">US<\/td><td>2023<\/td><td>LBNL 2024 \(Q\)<\/td><td>176 TWh<\/td><td>154 TWh<\/td><td>-12\.7%<\/td><td>yes<\/td>/,
    );
    expect(html).toMatch(
      /<td class="text">World<\/td><td>2024<\/td><td>IEA 2025 \(Q\)<\/td><td>415 TWh<\/td><td>427 TWh<\/td><td>\+3\.0%<\/td><td>yes<\/td>/,
    );
    expect(html).toMatch(/<td class="text">US<\/td><td>2018<\/td><td>LBNL 2024 \(Q\)<\/td>.*?<td>anchor<\/td>/);
  });
  test('data/fleet-regions.csv: AI + non-AI = all data centres in every row', () => {
    const [head, ...rows] = text('data/fleet-regions.csv').trim().split('\n');
    const col = head.split(',');
    const [ai, non, all] = ['ai_twh', 'non_ai_twh', 'total_dc_twh'].map((k) => col.indexOf(k));
    expect(rows.length).toBe(4 * 18);
    for (const r of rows.map((x) => x.split(',').map(Number))) expect(r[ai] + r[non]).toBeCloseTo(r[all], 9);
  });
  test('data/fleet-published.csv lists each cited figure of the modelled regions with its measure and tag', () => {
    const lines = text('data/fleet-published.csv').trim().split('\n');
    expect(lines.length - 1).toBe(PUBLISHED.length);
    expect(lines).toContain(
      'World,2030,IEA 2025 base,all_dc,projection,945,945,0.03,0.03,Q,' +
        String(fleet.years.find((y) => y.year === 2030)!.total_dc_twh) +
        ',"IEA, Energy and AI (Apr 2025): ""just under 3%"""',
    );
  });
});
