// Chart: the world's data-centre electricity by region (model, stacked areas, all data centres),
// the AI accelerators' part of it (dashed line), and the published world figures (IEA base case
// and its cases, AI-only estimates) as bands and markers with their sources. Inline data, fixed
// size; a pure factory over a world fleet result and the published table.
import type { TopLevelSpec } from 'vega-lite';
import type { FleetResult } from '../result/fleet-types.ts';
import { PUBLISHED, type PublishedFigure } from '../fleet/published.ts';
import { VL_SCHEMA, yearX } from './common.ts';
import { publishedLayers, publishedMarks } from './fleet-published.ts';
import { GENERATION_COLORS } from './theme.ts';

/** One colour per region, in the order of the result (Tableau 10 from the theme). */
export function regionScale(regions: string[]) {
  return { domain: regions, range: regions.map((_, i) => GENERATION_COLORS[i % GENERATION_COLORS.length]) };
}

export function fleetWorldChart(fleet: FleetResult, published: PublishedFigure[] = PUBLISHED): TopLevelSpec {
  const regions = (fleet.regions ?? []).map((r) => r.region);
  const stack = (fleet.regions ?? []).flatMap((r, order) =>
    r.years.map((y) => ({ year: y.year, region: r.region, order, twh: y.total_dc_twh })),
  );
  const ai = fleet.years.map((y) => ({ year: y.year, series: 'AI accelerators, world (model)', twh: y.ai_twh }));
  const from = fleet.years[0].year;
  const to = fleet.years[fleet.years.length - 1].year;
  const marks = publishedMarks(
    published.filter((p) => p.region === 'World'),
    'twh',
    from,
    to,
  );
  const x = yearX('year', [from - 0.5, to + 0.5]);
  return {
    $schema: VL_SCHEMA,
    title: {
      text: `${fleet.region}: data-centre electricity by region (model) against published world figures`,
      subtitle: 'Stacked: all data centres by region. Dashed: the AI accelerators part. Bands and diamonds: published.',
    },
    width: 480,
    height: 280,
    layer: [
      {
        data: { values: stack },
        mark: { type: 'area', opacity: 0.8 },
        encoding: {
          x,
          y: { field: 'twh', type: 'quantitative', stack: 'zero', title: 'TWh per year' },
          fill: { field: 'region', type: 'nominal', title: 'Regions (model)', scale: regionScale(regions) },
          order: { field: 'order', type: 'quantitative' },
          tooltip: [
            { field: 'region', type: 'nominal' },
            { field: 'year', type: 'quantitative', format: 'd' },
            { field: 'twh', type: 'quantitative', format: ',.0f', title: 'TWh' },
          ],
        },
      },
      {
        data: { values: ai },
        mark: { type: 'line', color: '#111111' },
        encoding: {
          x,
          y: { field: 'twh', type: 'quantitative' },
          strokeDash: { field: 'series', type: 'nominal', title: null, scale: { range: [[5, 3]] } },
        },
      },
      ...publishedLayers(marks, 'color', 'Published, world'),
    ],
  } as TopLevelSpec;
}
