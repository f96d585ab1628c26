// Every chart spec validates against the Vega-Lite JSON schema that vega-lite ships, compiles and
// renders without warnings, holds its data (a known value's mark sits where the scale puts it), and
// matches its golden SVG (normalized for float noise).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import * as C from '../../src/charts/index.ts';
import { compileSpec, renderSvg } from '../../src/report/render.ts';
import { NEUTRAL } from '../../src/charts/theme.ts';
import { costCharts } from '../../src/report/cost-report.ts';
import { uncertaintyCharts } from '../../src/report/uncertainty-report.ts';
import { scaleCompareChart } from '../../src/charts/index.ts';
import { baseline, buildout, laterStart, noWall, ROOFLINE, ROUTER } from './fixtures.ts';
import { FLEET, INFERENCE, uncertaintyFixture } from './fixtures-extra.ts';
import { inferenceChart } from '../../src/charts/inference.ts';
import { expectGolden } from './helpers/golden.ts';
import { markPositions, normalizeSvg } from './helpers/svg.ts';

/** A chart as the report builds it (fitted to the page), by name. */
function reportSpec(defs: { name: string; spec: TopLevelSpec }[], name: string): TopLevelSpec {
  const d = defs.find((x) => x.name === name);
  if (!d) throw new Error(`no chart ${name}`);
  return d.spec;
}
const TEST_FILE = fileURLToPath(import.meta.url);
const withFleet = () => ({ ...baseline(), fleet: FLEET });

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

const CHARTS: Record<string, () => TopLevelSpec> = {
  headroom: () => C.headroomChart({ result: baseline() }),
  'headroom-no-wall': () => C.headroomChart({ result: noWall() }),
  permitted: () => C.permittedChart({ result: baseline() }),
  power: () => C.powerChart({ result: baseline() }),
  roofline: () => C.rooflineChart({ input: ROOFLINE }),
  router: () => C.routerChart({ input: ROUTER }),
  'compare-headroom': () =>
    C.compareHeadroomChart({ results: [baseline(), buildout()], years: [2025, 2030, 2035, 2040] }),
  'compare-headroom-horizons': () =>
    C.compareHeadroomChart({ results: [baseline(), laterStart()], years: [2025, 2030, 2035, 2040] }),
  'compare-timeline': () => C.compareTimelineChart({ results: [baseline(), buildout()] }),
  'energy-share': () => reportSpec(costCharts(baseline()).defs, 'energy-share'),
  'cost-breakdown': () => reportSpec(costCharts(baseline()).defs, 'cost-breakdown'),
  inference: () => inferenceChart(INFERENCE, 2030, 'fixture'),
  'fleet-electricity': () => reportSpec(costCharts(withFleet()).defs, 'fleet-electricity'),
  'headroom-fan': () => reportSpec(uncertaintyCharts(uncertaintyFixture()), 'headroom-fan'),
  'first-wall-probability': () => reportSpec(uncertaintyCharts(uncertaintyFixture()), 'first-wall-probability'),
  'tornado-first-wall-year': () => reportSpec(uncertaintyCharts(uncertaintyFixture()), 'tornado-first-wall-year'),
  'tornado-headroom': () => reportSpec(uncertaintyCharts(uncertaintyFixture()), 'tornado-headroom'),
  'compare-energy-share': () => C.compareEnergyShareChart({ results: [baseline(), buildout()] }),
  'compare-scale': () => scaleCompareChart(baseline(), buildout()),
};

describe.each(Object.entries(CHARTS))('chart %s', (name, make) => {
  test('validates against the Vega-Lite schema', () => {
    const ok = validate(make());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  test('compiles and renders with no warnings, deterministically, and matches its golden SVG', async () => {
    const warnings: string[] = [];
    compileSpec(make(), warnings);
    expect(warnings).toEqual([]);
    const a = await renderSvg(make());
    const b = await renderSvg(make());
    expect(a.warnings).toEqual([]);
    expect(a.svg === b.svg).toBe(true);
    expectGolden(normalizeSvg(a.svg), fileURLToPath(new URL(`./golden/${name}.svg`, import.meta.url)), TEST_FILE);
  });
});

describe('charts hold their data', () => {
  test('headroom: power points at 2025-2027 (1.6 x 0.55^t) sit equally spaced on the log axis', async () => {
    const { svg } = await renderSvg(C.headroomChart({ result: baseline() }));
    const pts = ['Year: 2025;', 'Year: 2026;', 'Year: 2027;'].map((y) => markPositions(svg, y, 'Wall: power')[0]);
    expect(pts[1].label).toContain(': 0.88;'); // 1.6 x 0.55 = 0.88
    expect(pts[2].label).toContain(': 0.484;'); // 1.6 x 0.55^2
    // geometric series on a log scale: equal steps in y; one year = 560 px / 15 years in x
    expect(pts[1].y - pts[0].y).toBeCloseTo(pts[2].y - pts[1].y, 6);
    expect(pts[1].x - pts[0].x).toBeCloseTo(560 / 15, 6);
    // the achievable run is 0.9 x the least wall: 0.9 x 0.88 = 0.79 in 2026, the first year below 1
    expect(svg.includes('first wall: power, 2026 (headroom 0.79)')).toBe(true);
  });
  test('headroom without a binding wall names the nearest', async () => {
    const { svg } = await renderSvg(C.headroomChart({ result: noWall() }));
    expect(svg.includes('no wall binds; nearest: compute, 2025 (1.8)')).toBe(true);
  });
  test('roofline: H100 at 1 FLOP/byte attains 3.35e12 FLOP/s (HBM-bound) and its ridge is at 989/3.35 = 295', () => {
    const rows = C.rooflineRows(ROOFLINE).filter((r) => r.accelerator === 'H100');
    expect(rows[0]).toEqual({ accelerator: 'H100', intensity: 1, attainable_flop_per_s: 3.35e12 });
    const ridge = rows.find((r) => Math.abs(r.intensity - 989 / 3.35) < 1e-9);
    expect(ridge?.attainable_flop_per_s).toBeCloseTo(989e12, 0);
    expect(rows[rows.length - 1].attainable_flop_per_s).toBe(989e12);
  });
  test('router: the hot expert 5 (2,150 assignments) is the highlighted bar, the mean rule at 1,024', async () => {
    const { svg } = await renderSvg(C.routerChart({ input: ROUTER }));
    const bar =
      /aria-label="Expert: 5; Token-expert assignments per routing batch: 2150; load: most loaded"[^>]*d="M[\d.]+,[\d.]+h[\d.]+v([\d.]+)h[^"]*" fill="([^"]+)"/.exec(
        svg,
      );
    expect(bar).not.toBeNull();
    expect(Number(bar?.[1])).toBeCloseTo((2150 / 2200) * 300, 6); // y axis 0..2,200 over 300 px
    expect(bar?.[2]).toBe(NEUTRAL.highlight);
    expect(svg.includes('Imbalance (max / mean) 2.10; dashed line: the mean, 1024')).toBe(true);
    expect(svg.includes('aria-label="mean: 1024"')).toBe(true);
  });
  test('compare-timeline: each scenario shows its first wall', async () => {
    const { svg } = await renderSvg(C.compareTimelineChart({ results: [baseline(), buildout()] }));
    expect(svg.includes('>power 2026<')).toBe(true);
    expect(svg.includes('>compute 2028<')).toBe(true);
  });
  test('compare rows pick the nearest step and skip years outside the horizon', () => {
    const rows = C.compareRows([baseline()], [2030.4, 2050]);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.year === 2030.4)).toBe(true);
    expect(rows.find((r) => r.wall === 'power')?.headroom).toBeCloseTo(1.6 * 0.55 ** 5, 12);
  });
});
