// Bar chart of the probability that each wall is the first wall, with 95% Wilson intervals as
// error bars; "none" (no wall within the horizon) is shown in grey. Walls in WALLS order.
import type { TopLevelSpec } from 'vega-lite';
import { WALLS, WALL_COLORS } from '../walls/registry.ts';
import type { SweepResult } from '../montecarlo/sweep-result.ts';

export const NONE_COLOR = '#999999';

export function firstWallChart(r: SweepResult): TopLevelSpec {
  const domain = [...WALLS, 'none'];
  const y = { field: 'wall', type: 'nominal', sort: domain, title: null } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Which wall binds first',
      subtitle: `share of ${r.samples} samples, 95% Wilson interval; none = no wall by ${r.end_year}`,
    },
    width: 480,
    height: 240,
    data: {
      values: r.first_wall.walls.map((w) => ({
        wall: w.wall,
        probability: w.probability,
        ci_low: w.ci_low,
        ci_high: w.ci_high,
      })),
    },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y,
          x: {
            field: 'probability',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { format: '%' },
            title: 'probability of being the first wall',
          },
          color: {
            field: 'wall',
            type: 'nominal',
            legend: null,
            scale: { domain, range: [...WALLS.map((w) => WALL_COLORS[w]), NONE_COLOR] },
          },
        },
      },
      {
        mark: { type: 'rule', color: '#222222' },
        encoding: { y, x: { field: 'ci_low', type: 'quantitative' }, x2: { field: 'ci_high' } },
      },
    ],
  };
}
