// Chart: the regional AI fleet's electricity. Top: data-center share of the region's electricity
// (total and AI part) by year, with published estimates as bands (a range drawn as a bar, a point
// figure as a tick). Bottom: TWh per year, AI and total, with LBNL's actual totals as points.
// Inline data, fixed size; a pure factory over the run's fleet series and the published table.
import type { TopLevelSpec } from 'vega-lite';
import type { FleetResult } from '../result/fleet-types.ts';
import { US_PUBLISHED, type PublishedRange } from '../fleet/published.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const BAND_HALF_WIDTH_YEARS = 0.3;

export function fleetElectricityChart(fleet: FleetResult, published: PublishedRange[] = US_PUBLISHED): TopLevelSpec {
  const shares = fleet.years.flatMap((y) => [
    { year: y.year, series: 'all data centers (model)', share: y.total_dc_share },
    { year: y.year, series: 'AI accelerators (model)', share: y.ai_share },
  ]);
  const bands = published.map((p) => ({
    source: p.source,
    x0: p.year - BAND_HALF_WIDTH_YEARS,
    x1: p.year + BAND_HALF_WIDTH_YEARS,
    low: p.low_share,
    high: Math.max(p.high_share, p.low_share + 0.0005),
  }));
  const twh = fleet.years.flatMap((y) => [
    { year: y.year, series: 'all data centers (model)', twh: y.total_dc_twh },
    { year: y.year, series: 'AI accelerators (model)', twh: y.ai_twh },
  ]);
  const actual = published
    .filter((p) => p.low_twh !== null && p.low_twh === p.high_twh)
    .map((p) => ({ year: p.year, twh: p.low_twh!, source: p.source }));
  const x = {
    field: 'year',
    type: 'quantitative' as const,
    title: 'Year',
    axis: { format: 'd', tickMinStep: 1 },
    scale: { zero: false, nice: false },
  };
  return {
    $schema: SCHEMA,
    title: `${fleet.region}: data-center electricity, model vs published estimates`,
    vconcat: [
      {
        width: 480,
        height: 220,
        layer: [
          {
            data: { values: bands },
            mark: { type: 'rect', opacity: 0.35 },
            encoding: {
              x: { ...x, field: 'x0' },
              x2: { field: 'x1' },
              y: { field: 'low', type: 'quantitative', title: 'Share of regional electricity', axis: { format: '%' } },
              y2: { field: 'high' },
              fill: { field: 'source', type: 'nominal', title: 'Published' },
            },
          },
          {
            data: { values: shares },
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: { field: 'share', type: 'quantitative' },
              color: { field: 'series', type: 'nominal', title: 'Model' },
            },
          },
        ],
        resolve: { scale: { color: 'independent' } },
      },
      {
        width: 480,
        height: 180,
        layer: [
          {
            data: { values: twh },
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: { field: 'twh', type: 'quantitative', title: 'TWh per year' },
              color: { field: 'series', type: 'nominal', title: 'Model' },
            },
          },
          {
            data: { values: actual },
            mark: { type: 'point', shape: 'diamond', size: 90, filled: true, color: '#000000' },
            encoding: { x, y: { field: 'twh', type: 'quantitative' }, tooltip: { field: 'source', type: 'nominal' } },
          },
        ],
      },
    ],
  };
}
