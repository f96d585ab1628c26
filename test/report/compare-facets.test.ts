// The compare chart's facet grid is keyed by (scenario, year): with different horizons (npm start
// compares baseline-2025, from 2025, with buildout-2030, from 2030) every scenario's points stay in
// its own column and every year in its own row, and a year outside a horizon is a marked cell, not
// a gap the other cells shift into. The design pair is compared only in a year both model.
import { describe, expect, test } from 'vitest';
import { compareHeadroomChart } from '../../src/charts/index.ts';
import { scaleCompareChart, sharedYear } from '../../src/charts/scale-compare.ts';
import { buildCompareReport } from '../../src/report/compare-report.ts';
import { baseline, laterStart } from './fixtures.ts';
import { scene, type SceneItem } from './helpers/scene.ts';

const inside = (p: SceneItem, box: SceneItem) =>
  p.x >= box.x1 - 0.5 && p.x <= box.x2 + 0.5 && p.y >= box.y1 - 0.5 && p.y <= box.y2 + 0.5;

describe('compare headroom chart with different horizons', () => {
  const results = [baseline(), laterStart()];
  const years = [2025, 2030, 2035];
  test('cells sit in (scenario, year) order and every point lies in its own cell', async () => {
    const { items } = await scene(compareHeadroomChart({ results, years }));
    const cells = items.filter((i) => i.name === 'cell');
    expect(cells).toHaveLength(results.length * years.length);
    const names = results.map((r) => r.scenario.name);
    const xs = [...new Set(cells.map((c) => c.x))].sort((a, b) => a - b);
    const ys = [...new Set(cells.map((c) => c.y))].sort((a, b) => a - b);
    for (const c of cells) {
      expect(xs.indexOf(c.x)).toBe(names.indexOf(c.datum.scenario as string));
      expect(ys.indexOf(c.y)).toBe(years.indexOf(c.datum.year as number));
    }
    const points = items.filter((i) => i.mark === 'symbol' && i.role === 'mark');
    expect(points).toHaveLength(6 * 5); // 6 walls in 5 of the 6 cells
    for (const p of points) {
      const own = cells.find((c) => c.datum.scenario === p.datum.scenario && c.datum.year === p.datum.year)!;
      expect(inside(p, own)).toBe(true);
    }
    const cellOf = (scenario: string, year: number) =>
      cells.find((c) => c.datum.scenario === scenario && c.datum.year === year)!;
    // baseline's 2025 points in the first column; buildout's 2025 cell says it is outside its horizon
    expect(points.filter((p) => inside(p, cellOf('baseline-2025', 2025)))).toHaveLength(6);
    expect(points.filter((p) => inside(p, cellOf('buildout-2030', 2025)))).toHaveLength(0);
    const notes = items.filter((i) => i.mark === 'text' && i.text === 'outside horizon');
    expect(notes).toHaveLength(1);
    expect(inside(notes[0], cellOf('buildout-2030', 2025))).toBe(true);
  });
  test('a headroom below the floor is drawn in the floor band, not dropped off the log axis', async () => {
    const r = baseline();
    r.steps[5].walls.data.headroom = 1e-9; // 2030
    const { items } = await scene(compareHeadroomChart({ results: [r], years: [2030] }));
    const band = items.find((i) => i.mark === 'rect' && i.datum.n !== undefined)!;
    const data = items.find((i) => i.mark === 'symbol' && i.datum.wall === 'data')!;
    expect(data.x).toBeGreaterThan(band.x1);
    expect(data.x).toBeLessThan(band.x2);
    expect(data.datum.headroom).toBe(1e-9); // the true value stays in the data (tooltips, CSV)
  });
});

describe('the design pair', () => {
  test('is compared in the first year both model, each labelled with its scenario and that year', async () => {
    const [a, b] = [baseline(), laterStart()];
    expect(sharedYear(a, b)).toBe(2030);
    const { items } = await scene(scaleCompareChart(a, b));
    const bars = items.filter((i) => i.mark === 'rect' && i.role === 'mark');
    const designs = new Set(bars.map((x) => x.datum.design));
    expect([...designs]).toEqual(['baseline-2025 2030 (direct_liquid+air)', 'buildout-2030 2030 (direct_liquid+air)']);
    // power headroom at 2030: baseline 1.6 x 0.55^5, buildout 4 x 0.7^5 (not buildout's 2030 under a 2025 title)
    const power = bars.filter((x) => x.datum.metric === 'power headroom').map((x) => x.datum.value as number);
    expect(power[0]).toBeCloseTo(1.6 * 0.55 ** 5, 9);
    expect(power[1]).toBeCloseTo(4 * 0.7 ** 5, 9);
  });
  test('two scenarios that share no year get a note instead of the chart', async () => {
    const late = laterStart();
    const early = baseline();
    early.steps = early.steps.filter((s) => s.year < 2030);
    early.horizon = { ...early.horizon, end_year: 2029 };
    expect(sharedYear(early, late)).toBeNull();
    const { files } = await buildCompareReport({ results: [early, late], years: [2025, 2030] });
    expect(files.map((f) => f.path)).not.toContain('charts/compare-scale.svg');
    const html = String(files.find((f) => f.path === 'index.html')!.content);
    expect(html).toContain('share no year, and two designs are only compared in a year both model');
    expect(html).toContain('<td class="text outside">outside horizon</td>');
  });
});
