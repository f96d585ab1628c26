// Charts of a world fleet by region. fleetRegionsChart: one panel per region, the model's TWh
// (all data centres solid, AI accelerators dashed) against that region's published figures (bands
// and markers with sources). fleetSharesChart: each region's data-centre share of its electricity
// (and the world's) against published shares; below, the AI accelerators' share of data-centre
// electricity against the published AI shares. Inline data, fixed size; pure factories.
import type { TopLevelSpec } from 'vega-lite';
import type { FleetResult, FleetYear } from '../result/fleet-types.ts';
import { PUBLISHED, type PublishedFigure } from '../fleet/published.ts';
import { VL_SCHEMA, yearX } from './common.ts';
import { publishedLayers, publishedMarks } from './fleet-published.ts';
import { regionScale } from './fleet-world.ts';

const SERIES = { all: 'all data centres (model)', ai: 'AI accelerators (model)' };
const DASH = {
  domain: [SERIES.all, SERIES.ai],
  range: [
    [1, 0],
    [5, 3],
  ],
};

function span(fleet: FleetResult): [number, number] {
  return [fleet.years[0].year, fleet.years[fleet.years.length - 1].year];
}

/** Every region's series and the world's, world last. */
function allSeries(fleet: FleetResult): { region: string; years: FleetYear[] }[] {
  return [...(fleet.regions ?? []), { region: 'World', years: fleet.years }];
}

function regionPanel(region: string, years: FleetYear[], published: PublishedFigure[], from: number, to: number) {
  const rows = years.flatMap((y) => [
    { year: y.year, series: SERIES.all, twh: y.total_dc_twh },
    { year: y.year, series: SERIES.ai, twh: y.ai_twh },
  ]);
  const x = yearX('year', [from - 0.5, to + 0.5]);
  const marks = publishedMarks(
    published.filter((p) => p.region === region),
    'twh',
    from,
    to,
  );
  return {
    title: region,
    width: 480,
    height: 150,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', color: '#333333' },
        encoding: {
          x,
          y: { field: 'twh', type: 'quantitative', title: 'TWh per year' },
          strokeDash: { field: 'series', type: 'nominal', title: 'Model', scale: DASH },
        },
      },
      ...publishedLayers(marks, 'color', `Published, ${region}`),
    ],
  };
}

export function fleetRegionsChart(fleet: FleetResult, published: PublishedFigure[] = PUBLISHED): TopLevelSpec {
  const [from, to] = span(fleet);
  return {
    $schema: VL_SCHEMA,
    title: 'Data-centre electricity by region: model against published figures',
    vconcat: allSeries(fleet).map((s) => regionPanel(s.region, s.years, published, from, to)),
    resolve: { scale: { color: 'independent', y: 'independent' }, legend: { color: 'independent' } },
  } as TopLevelSpec;
}

export function fleetSharesChart(fleet: FleetResult, published: PublishedFigure[] = PUBLISHED): TopLevelSpec {
  const [from, to] = span(fleet);
  const series = allSeries(fleet);
  const names = series.map((s) => s.region);
  const x = yearX('year', [from - 0.5, to + 0.5]);
  const share = series.flatMap((s) =>
    s.years.map((y) => ({ year: y.year, region: s.region, share: y.total_dc_share, ai: y.ai_share })),
  );
  const aiOfDc = series.flatMap((s) =>
    s.years.map((y) => ({ year: y.year, region: s.region, share: y.total_dc_twh > 0 ? y.ai_twh / y.total_dc_twh : 0 })),
  );
  const color = { field: 'region', type: 'nominal', title: 'Model', scale: regionScale(names) };
  return {
    $schema: VL_SCHEMA,
    title: 'Data centres in each region: share of its electricity, and the AI part of their load',
    vconcat: [
      {
        title: "All data centres' share of the region's electricity",
        width: 480,
        height: 200,
        layer: [
          {
            data: { values: share },
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: {
                field: 'share',
                type: 'quantitative',
                title: "Share of the region's electricity",
                axis: { format: '%' },
              },
              color,
            },
          },
          ...publishedLayers(publishedMarks(published, 'share', from, to, true), 'fill', 'Published share', '%'),
        ],
      },
      {
        title: "AI accelerators' share of data-centre electricity",
        width: 480,
        height: 180,
        layer: [
          {
            data: { values: aiOfDc },
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: {
                field: 'share',
                type: 'quantitative',
                title: 'AI share of data-centre TWh',
                axis: { format: '%' },
                scale: { domain: [0, 1] },
              },
              color,
            },
          },
          ...publishedLayers(
            publishedMarks(published, 'ai_share_of_dc', from, to, true),
            'fill',
            'Published AI share',
            '%',
          ),
        ],
      },
    ],
    resolve: { scale: { fill: 'independent' }, legend: { fill: 'independent' } },
  } as TopLevelSpec;
}
