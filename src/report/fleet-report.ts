// The fleet pieces of a run report (issues 8 and 19), for runs of scenarios with a `fleet:`
// section: the fleet electricity chart (one region, or the world) against published shares; for a
// world fleet, the stacked TWh by region with the published world figures, one panel per region
// against its published figures, and the shares (of each region's electricity; AI's of data-centre
// load); the fleet table, the model beside the published 2024/2028/2030/2035 figures, the
// back-cast; and their CSV files. Every table and chart says whether a number counts AI
// accelerators only or all data centres. Invariant: pure functions of the RunResult.
import { fleetElectricityChart } from '../charts/fleet-electricity.ts';
import { fleetRegionsChart, fleetSharesChart } from '../charts/fleet-regions.ts';
import { fleetWorldChart } from '../charts/fleet-world.ts';
import { measureLabel } from '../charts/fleet-published.ts';
import { fitToPage } from '../charts/fit.ts';
import { formatAmount, formatPercent as percent, formatYear } from '../charts/tidy.ts';
import { backcastRows, BACKCAST_TOLERANCE, seriesByRegion, splitRows } from '../fleet/backcast.ts';
import { PUBLISHED, US_PUBLISHED, type PublishedFigure, type PublishedRange } from '../fleet/published.ts';
import type { FleetResult, FleetYear } from '../result/fleet-types.ts';
import type { RunResult } from '../result/types.ts';
import type { ReportFile } from '../io/atomic/folder.ts';
import type { ChartDef } from './assemble.ts';
import { toCsv } from './csv.ts';
import { aiVersusAllSentence } from './sentences/fleet.ts';
import type { Section, Table } from './html.ts';

/** The years of the model-beside-published table. */
export const TABLE_YEARS = [2024, 2028, 2030, 2035];

/** Published shares of the fleet's own region as issue-8 bands (the US list; the world's IEA shares). */
function shareBands(f: FleetResult): PublishedRange[] {
  if (f.region === 'US' && !f.regions) return US_PUBLISHED;
  const region = f.regions ? 'World' : f.region;
  return PUBLISHED.filter((p) => p.region === region && p.measure === 'all_dc' && p.share).map((p) => ({
    source: p.source,
    year: p.year,
    low_share: p.share![0],
    high_share: p.share![1],
    low_twh: p.twh?.[0] ?? null,
    high_twh: p.twh?.[1] ?? null,
  }));
}

export function fleetCharts(r: RunResult): ChartDef[] {
  const f = r.fleet;
  if (!f) return [];
  const defs: ChartDef[] = [
    {
      name: 'fleet-electricity',
      caption:
        `${f.region} data-centre electricity from the fleet model: all data centres and the AI accelerators' part, TWh and share of the region's electricity. The published bands measure all data centres. ${aiVersusAllSentence(f) ?? ''}`.trimEnd(),
      spec: fitToPage(fleetElectricityChart(f, shareBands(f))),
    },
  ];
  if (f.regions) {
    defs.push(
      {
        name: 'fleet-world',
        caption:
          'Data-centre electricity by region (model, stacked, all data centres) with the AI accelerators part of the world total (dashed), against the published world figures; each legend entry names its source, what it measures and its tag.',
        spec: fitToPage(fleetWorldChart(f)),
      },
      {
        name: 'fleet-regions',
        caption:
          'Each region: the model (all data centres solid, AI accelerators dashed) against that region’s published figures (bands: ranges; diamonds: point figures).',
        spec: fitToPage(fleetRegionsChart(f)),
      },
      {
        name: 'fleet-shares',
        caption:
          "All data centres' share of each region's electricity, and the AI accelerators' share of data-centre electricity, against the published shares.",
        spec: fitToPage(fleetSharesChart(f)),
      },
    );
  }
  return defs;
}

const cells = (xs: string[]) => xs.map((text, i) => ({ text, className: i === 0 ? 'text' : undefined }));
const twh = (v: number | undefined) => (v === undefined ? '-' : formatAmount(v));
const range = (p: [number, number] | null, fmt: (v: number) => string) =>
  p === null ? '-' : p[0] === p[1] ? fmt(p[0]) : `${fmt(p[0])}-${fmt(p[1])}`;

function yearOf(series: Map<string, FleetYear[]>, region: string, year: number): FleetYear | undefined {
  return series.get(region)?.find((y) => y.year === year);
}

/** The published figures of the result's regions at TABLE_YEARS, each beside the model's same measure. */
export function besidePublished(f: FleetResult): { figure: PublishedFigure; model: FleetYear | undefined }[] {
  const series = seriesByRegion(f);
  return PUBLISHED.filter((p) => series.has(p.region) && TABLE_YEARS.includes(p.year)).map((figure) => ({
    figure,
    model: yearOf(series, figure.region, figure.year),
  }));
}

function besideTable(f: FleetResult): Table {
  return {
    caption: `The model's ${TABLE_YEARS.join('/')} figures beside the published ones (model value of the same measure)`,
    header: [
      'Region',
      'Year',
      'Published (tag)',
      'Measures',
      'Published TWh',
      'Model TWh',
      'Published share',
      'Model share',
    ],
    rows: besidePublished(f).map(({ figure: p, model: m }) => {
      const modelTwh = m ? (p.measure === 'ai' ? m.ai_twh : m.total_dc_twh) : undefined;
      const modelShare = m ? (p.measure === 'ai' ? m.ai_share : m.total_dc_share) : undefined;
      return cells([
        p.region,
        formatYear(p.year),
        `${p.source} (${p.tag})`,
        measureLabel(p.measure),
        range(p.twh, formatAmount),
        twh(modelTwh),
        range(p.share, percent),
        modelShare === undefined ? '-' : percent(modelShare),
      ]);
    }),
  };
}

function backcastTable(f: FleetResult): Table {
  const rows = [...backcastRows(f), ...splitRows(f)];
  return {
    caption: `Back-cast: the model against published estimates of past years, all data centres (tolerance ${percent(BACKCAST_TOLERANCE)})`,
    header: ['Region', 'Year', 'Published (tag)', 'Published', 'Model', 'Model / published - 1', 'Within'],
    rows: rows.map((x) => {
      const fmt = (v: number) => (x.unit === 'TWh' ? `${formatAmount(v)} TWh` : percent(v));
      return cells([
        x.region,
        formatYear(x.year),
        `${x.source} (${x.tag})`,
        fmt(x.published),
        fmt(x.model),
        `${x.error >= 0 ? '+' : ''}${percent(x.error)}`,
        x.anchored ? 'anchor' : x.within ? 'yes' : 'no',
      ]);
    }),
  };
}

function regionsTable(f: FleetResult): Table {
  const rows = (f.regions ?? []).flatMap((s) =>
    s.years.filter((y) => TABLE_YEARS.includes(y.year)).map((y) => ({ region: s.region, y })),
  );
  return {
    caption: 'Regions (model): AI accelerators and all data centres, and the grid',
    header: [
      'Region',
      'Year',
      'AI TWh',
      'All data centres TWh',
      'AI share of DC',
      'DC share',
      'Unserved TWh',
      'Grid GW',
    ],
    rows: rows.map(({ region, y }) =>
      cells([
        region,
        formatYear(y.year),
        formatAmount(y.ai_twh),
        formatAmount(y.total_dc_twh),
        percent(y.total_dc_twh > 0 ? y.ai_twh / y.total_dc_twh : 0),
        percent(y.total_dc_share),
        twh(y.unserved_twh),
        y.grid_capacity_mw === undefined ? '-' : formatAmount(y.grid_capacity_mw / 1000),
      ]),
    ),
  };
}

export function fleetSections(r: RunResult): Section[] {
  const f = r.fleet;
  if (!f) return [];
  const fleetTable: Table = {
    caption: `${f.region} fleet (model); published ranges in the chart`,
    header: ['Year', 'Installed accelerators', 'AI TWh', 'All data centers TWh', 'AI share', 'Data-center share'],
    rows: f.years.map((y) =>
      [
        formatYear(y.year),
        formatAmount(y.installed),
        formatAmount(y.ai_twh),
        formatAmount(y.total_dc_twh),
        percent(y.ai_share),
        percent(y.total_dc_share),
      ].map((text) => ({ text })),
    ),
  };
  return [
    {
      id: 'fleet',
      heading: `${f.region} AI fleet electricity`,
      paragraphs: [
        ...[aiVersusAllSentence(f)].filter((x): x is string => x !== null),
        "AI TWh counts the accelerators' servers with their facility overhead (PUE); all data centres adds the non-AI load (conventional servers, storage, network), anchored at one published total per region and grown at a stated rate, nothing fitted per year. Each published figure is marked with what it measures. Method and sources: docs/fleet.md; data in data/fleet*.csv.",
      ],
      tables: [fleetTable, ...(f.regions ? [regionsTable(f)] : []), besideTable(f), backcastTable(f)],
    },
  ];
}

const FLEET_COLUMNS = [
  'year',
  'installed',
  'it_mw',
  'facility_mw',
  'pue',
  'ai_twh',
  'non_ai_twh',
  'total_dc_twh',
  'region_twh',
  'ai_share',
  'total_dc_share',
  'ai_demand_twh',
  'unserved_twh',
  'grid_capacity_mw',
  'grid_buildout_mw',
  'grid_headroom_mw',
] as const;
const fleetRow = (y: FleetYear) => FLEET_COLUMNS.map((k) => y[k] ?? null);

export function fleetFiles(r: RunResult): ReportFile[] {
  const f = r.fleet;
  if (!f) return [];
  const files: ReportFile[] = [{ path: 'data/fleet.csv', content: toCsv([...FLEET_COLUMNS], f.years.map(fleetRow)) }];
  if (f.regions) {
    files.push({
      path: 'data/fleet-regions.csv',
      content: toCsv(
        ['region', ...FLEET_COLUMNS],
        f.regions.flatMap((s) => s.years.map((y) => [s.region, ...fleetRow(y)])),
      ),
    });
  }
  const series = seriesByRegion(f);
  const published = PUBLISHED.filter((p) => series.has(p.region));
  files.push({
    path: 'data/fleet-published.csv',
    content: toCsv(
      [
        'region',
        'year',
        'source',
        'measure',
        'kind',
        'low_twh',
        'high_twh',
        'low_share',
        'high_share',
        'tag',
        'model_twh',
        'cite',
      ],
      published.map((p) => {
        const m = yearOf(series, p.region, p.year);
        const model = m ? (p.measure === 'ai' ? m.ai_twh : m.total_dc_twh) : null;
        return [
          p.region,
          p.year,
          p.source,
          p.measure,
          p.kind,
          p.twh?.[0] ?? null,
          p.twh?.[1] ?? null,
          p.share?.[0] ?? null,
          p.share?.[1] ?? null,
          p.tag,
          model,
          p.cite,
        ];
      }),
    ),
  });
  return files;
}
