// Known values of the cost, fleet and Monte Carlo charts as the reports draw them (schema, warning
// and golden checks are in charts.test.ts): a fixture value's mark sits where its scale puts it.
import { describe, expect, test } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { scaleCompareChart } from '../../src/charts/index.ts';
import { compareEnergyShareChart, fitToPage } from '../../src/charts/index.ts';
import { costCharts } from '../../src/report/cost-report.ts';
import { renderSvg } from '../../src/report/render.ts';
import { SIZE } from '../../src/charts/theme.ts';
import { uncertaintyCharts } from '../../src/report/uncertainty-report.ts';
import { WALL_COLORS } from '../../src/walls/registry.ts';
import { baseline, buildout } from './fixtures.ts';
import { FLEET, INFERENCE, uncertaintyFixture } from './fixtures-extra.ts';
import { inferenceChart } from '../../src/charts/inference.ts';
import { powerChart } from '../../src/charts/power.ts';
import { markPath, markPositions } from './helpers/svg.ts';

const svgOf = async (defs: { name: string; spec: TopLevelSpec }[], name: string) =>
  (await renderSvg(defs.find((d) => d.name === name)!.spec)).svg;
/** Width and height of a bar path "M x,y h w v h h -w Z". */
function barSize(d: string | undefined): { w: number; h: number } {
  const m = /^M[-\d.]+,[-\d.]+h([-\d.]+)v([-\d.]+)h/.exec(d ?? '');
  if (!m) throw new Error(`not a bar: ${d}`);
  return { w: Number(m[1]), h: Number(m[2]) };
}

describe('cost and fleet charts', () => {
  test('energy share alone: 5% in 2025 and 20% in 2040 (0.05 + 0.01 dt) on a 0-20% axis of the fitted 200 px panel', async () => {
    const svg = await svgOf(costCharts(baseline()).defs, 'energy-share');
    const [a] = markPositions(svg, 'Year: 2025;', 'Energy share of run cost: 5%');
    const [b] = markPositions(svg, 'Year: 2040;', 'Energy share of run cost: 20%');
    expect(a.y).toBeCloseTo(200 * (1 - 0.05 / 0.2), 6);
    expect(b.y).toBeCloseTo(0, 6);
    expect(b.x - a.x).toBeCloseTo(SIZE.width, 6); // fitted to the page width
    expect(svg).not.toContain('part: '); // no second series (the capital line that read as energy)
  });
  test('cost breakdown: the parts stack to 100% of the run cost, energy on top at its share', async () => {
    const svg = await svgOf(costCharts(baseline()).defs, 'cost-breakdown');
    const energy = barSize(markPath(svg, 'Year: 2040;', 'part: energy'));
    const accel = barSize(markPath(svg, 'Year: 2040;', 'part: capital: accelerators'));
    // fixture: energy 20%, the rest split 50/20/10/5/15, so accelerators are 0.8 x 0.5 = 40%
    expect(energy.h / accel.h).toBeCloseTo(0.2 / 0.4, 6);
    expect(accel.h).toBeCloseTo(0.4 * SIZE.smallHeight * 1.5, 6);
  });
  test('fleet: the 2030 AI share is 4 x 1.35^12 / (4,000 x 1.01^12) and the published LBNL 2028 band spans 6.7-12%', async () => {
    const svg = await svgOf(costCharts({ ...baseline(), fleet: FLEET }).defs, 'fleet-electricity');
    const ai = markPositions(svg, 'Year: 2030;', 'Model: AI accelerators (model)').find((m) =>
      m.label.includes('share'),
    );
    expect(Number(/share: ([\d.]+);/.exec(ai?.label ?? '')?.[1])).toBeCloseTo(
      (4 * 1.35 ** 12) / (4000 * 1.01 ** 12),
      9,
    );
    const band = barSize(markPath(svg, 'Year: 2028;', 'Published: LBNL 2024'));
    const zero = markPositions(svg, 'Year: 2018;', 'Model: all data centers (model)').find((m) =>
      m.label.includes('share'),
    )!;
    // share axis 0..18% (nice) over 220 px: the band is (12% - 6.7%) / 18% of it
    expect(band.h).toBeCloseTo(((0.12 - 0.067) / 0.18) * 220, 3);
    expect(zero.y).toBeCloseTo(220 * (1 - (72 + 4) / 4000 / 0.18), 3);
  });
  test('compare energy share: 5% to 20% on a 0-20% axis', async () => {
    const { svg } = await renderSvg(compareEnergyShareChart({ results: [baseline(), buildout()] }));
    expect(markPositions(svg, 'Year: 2025;', 'Scenario: baseline-2025')[0].y).toBeCloseTo(
      SIZE.smallHeight * 2 * 0.75,
      6,
    );
    expect(markPositions(svg, 'Year: 2040;', 'Scenario: buildout-2030')[0].y).toBeCloseTo(0, 6);
  });
  test('scale compare: power headroom 1.6 (baseline) against 4 (buildout) in 2025, bars in that ratio', async () => {
    const { svg } = await renderSvg(scaleCompareChart(baseline(), buildout()));
    const a = barSize(markPath(svg, 'design: baseline-2025', 'value: 1.6;'));
    const b = barSize(markPath(svg, 'design: buildout-2030', 'value: 4;'));
    expect(a.h / b.h).toBeCloseTo(1.6 / 4, 6);
  });
  test('fitting to the page sets widths to the text width and caps heights, and leaves facets alone', () => {
    const spec = {
      $schema: 'x',
      width: 480,
      height: 400,
      vconcat: [{ width: 480, height: 100, mark: 'line' }],
    } as unknown as TopLevelSpec;
    expect(fitToPage(spec)).toEqual({
      $schema: 'x',
      width: SIZE.width,
      height: SIZE.height,
      vconcat: [{ width: SIZE.width, height: 100, mark: 'line' }],
    });
    const facet = scaleCompareChart(baseline(), buildout());
    expect(fitToPage(facet)).toBe(facet);
  });
});

describe('Monte Carlo charts', () => {
  test('first-wall probability: power 180 / 500 = 36% of the 560 px axis, its Wilson interval as the rule', async () => {
    const svg = await svgOf(uncertaintyCharts(uncertaintyFixture()), 'first-wall-probability');
    const bar = barSize(markPath(svg, 'probability of being the first wall: 36', 'wall: power'));
    expect(bar.w).toBeCloseTo(0.36 * SIZE.width, 6);
    expect(svg).toContain(`fill="${WALL_COLORS.power}"`);
    const ci = uncertaintyFixture().sweep.first_wall.walls.find((w) => w.wall === 'power')!;
    const rule = markPositions(svg, 'wall: power; ci_high')[0];
    expect(rule.x).toBeCloseTo(ci.ci_low * SIZE.width, 3);
  });
  test('fan: the compute median 2 sits log10(2) decades above the rule at 1 (the plot height over the axis decades)', async () => {
    const def = uncertaintyCharts(uncertaintyFixture()).find((d) => d.name === 'headroom-fan')!;
    const svg = (await renderSvg(def.spec)).svg;
    const rule = markPositions(svg, 'one: 1')[0];
    const line = markPath(svg, 'year: 2025; p50: 2; wall: compute');
    const y0 = Number(/^M[-\d.]+,([-\d.]+)/.exec(line ?? '')?.[1]);
    const spec = def.spec as unknown as {
      height: number;
      layer: { encoding?: { y?: { scale?: { domain: number[] } } } }[];
    };
    const [lo, hi] = spec.layer.find((l) => l.encoding?.y?.scale)!.encoding!.y!.scale!.domain;
    expect(lo).toBeCloseTo(1e-3 / 3, 12); // the floor band below 1e-3
    expect(rule.y - y0).toBeCloseTo(Math.log10(2) * (spec.height / Math.log10(hi / lo)), 2);
  });
  test('tornado: halving years swings headroom 0.5 -> 1.6 (p10) and 0.5 -> 0.2 (p90), bar lengths in log ratio', async () => {
    const svg = await svgOf(uncertaintyCharts(uncertaintyFixture()), 'tornado-headroom');
    const lo = barSize(markPath(svg, 'input: /algorithms/halving_years; to: 1.6'));
    const hi = barSize(markPath(svg, 'input: /algorithms/halving_years; to: 0.2'));
    expect(lo.w / hi.w).toBeCloseTo(Math.log(1.6 / 0.5) / Math.log(0.5 / 0.2), 3);
    // widest swing first: halving years is the top row, and its label is not cut short
    expect(svg.indexOf('/algorithms/halving_years')).toBeLessThan(svg.indexOf('/demand/growth_per_year'));
    expect(svg).toContain('>/compute/gpu_supply_growth_per_year<');
  });
});

describe('the speed of light chart', () => {
  test("campus-b joins the near users' curve at its round trip, 2 x 300 x 4.9 us + 1 ms = 3.94 ms; the far users' at 79.4 ms", async () => {
    const { headroomAtBudget, breakpoints } = await import('../../src/charts/inference.ts');
    expect(breakpoints(INFERENCE, 1, 300).map((b) => Number(b.toFixed(6)))).toEqual([1, 3.94, 79.4, 82.34, 300]);
    // near: 100,000 servable (campus-a) / 40,000 needed = 2.5 below 3.94 ms, both campuses (5) above
    expect(headroomAtBudget(INFERENCE, 3.9).near).toBeCloseTo(2.5, 12);
    expect(headroomAtBudget(INFERENCE, 4).near).toBeCloseTo(5, 12);
    expect(headroomAtBudget(INFERENCE, 79).far).toBe(0);
    expect(headroomAtBudget(INFERENCE, 80).far).toBeCloseTo(5, 12);
    const svg = (await renderSvg(inferenceChart(INFERENCE, 2030, 'fixture'))).svg;
    expect(markPositions(svg, 'Users: far').length).toBeGreaterThan(0);
  });
});

describe('the power chart', () => {
  test("the target run's need is left out above the axis top (a coloured line's clip does not hold)", () => {
    const r = baseline();
    // the need grows 10x a year from 100 MW: it passes 100x the largest supply within the horizon
    r.steps.forEach((s, i) => (s.quantities.run_facility_mw_needed = 100 * Math.pow(10, i)));
    const spec = powerChart({ result: r }) as unknown as {
      vconcat: {
        data: { values: { series: string; mw: number }[] };
        encoding: { y: { scale: { domain: number[] } } };
      }[];
    };
    const top = spec.vconcat[0];
    const yMax = top.encoding.y.scale.domain[1];
    const axisTop = Math.pow(10, Math.ceil(Math.log10(yMax) - 1e-9));
    const need = top.data.values.filter((v) => v.series === 'facility power the target run needs');
    expect(need.length).toBeGreaterThan(0);
    expect(need.length).toBeLessThan(r.steps.length);
    expect(Math.max(...top.data.values.map((v) => v.mw))).toBeLessThanOrEqual(axisTop);
  });
});
