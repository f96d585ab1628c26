// Fan chart: each wall's headroom over time across the sweep, the p5-p95 band shaded and the
// median drawn, on a log axis (headrooms span orders of magnitude) with the wall line at 1.
// Headroom below the plausibility floor is drawn in the floor band (src/result/format.ts), as in
// every headroom chart; a log axis cannot show 0 either.
import type { TopLevelSpec } from 'vega-lite';
import { floorClamp } from '../result/format.ts';
import { floorBand, headroomAxis } from './common.ts';
import { WALLS, WALL_COLORS } from '../walls/registry.ts';
import type { SweepResult } from '../montecarlo/sweep-result.ts';

export const CHART_SIZE = { width: 640, height: 360 } as const;

export function fanRows(r: SweepResult): { wall: string; year: number; p5: number; p50: number; p95: number }[] {
  const clip = floorClamp;
  return r.headroom.flatMap((h) =>
    h.steps.map((s) => ({ wall: h.wall, year: s.year, p5: clip(s.p5), p50: clip(s.p50), p95: clip(s.p95) })),
  );
}

export function fanChart(r: SweepResult): TopLevelSpec {
  const color = {
    field: 'wall',
    type: 'nominal',
    title: 'wall',
    scale: { domain: [...WALLS], range: WALLS.map((w) => WALL_COLORS[w]) },
  } as const;
  const x = { field: 'year', type: 'quantitative', title: 'year', axis: { format: 'd' } } as const;
  const rows = fanRows(r);
  const y = headroomAxis(
    rows.map((d) => d.p95),
    'headroom (permitted / target)',
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Headroom per wall, ${r.samples} samples`,
      subtitle: 'median line, p5-p95 band; below 1 the wall binds; grey: below 1e-3, drawn at the floor',
    },
    ...CHART_SIZE,
    data: { values: rows },
    layer: [
      floorBand('y'),
      {
        mark: { type: 'area', opacity: 0.18 },
        encoding: {
          x,
          y: { field: 'p5', type: 'quantitative', ...y },
          y2: { field: 'p95' },
          color,
        },
      },
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'p50', type: 'quantitative' }, color } },
      {
        data: { values: [{ one: 1 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#444444' },
        encoding: { y: { field: 'one', type: 'quantitative' } },
      },
    ],
  };
}
