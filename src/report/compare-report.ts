// The report comparing scenarios: the compare charts (headroom at chosen years side by side, and the
// binding-wall timeline), the energy share of each run's cost, scale-up vs scale-out side by side
// (exactly two scenarios), each scenario's headroom chart and table, provenance of every run, and
// the data (compare CSVs, one result JSON per scenario). Invariant: pure function of its input.
import { scaleCompareChart, sharedYear } from '../charts/scale-compare.ts';
import type { RunResult, StepResult } from '../result/types.ts';
import { WALLS } from '../walls/registry.ts';
import { headroomTable, provenanceRows, renderCharts, uniqueNames, type ChartDef } from './assemble.ts';
import {
  compareEnergyShareChart,
  compareHeadroomChart,
  compareRows,
  compareTimelineChart,
  energyShareRows,
  headroomChart,
} from '../charts/index.ts';
import { toCsv } from './csv.ts';
import { OUTSIDE_HORIZON } from './compare-table.ts';
import { explanation } from './explanation.ts';
import { FLOOR_NOTE } from '../result/format.ts';
import { renderPage, type Cell, type Section } from './html.ts';
import type { BuiltReport } from './run-report.ts';
import { formatHeadroom, formatYear, stepNear, verdict } from '../charts/tidy.ts';
import type { ReportFile } from '../io/atomic/folder.ts';
import { resultJson } from './result-file.ts';

export interface CompareReportInput {
  results: RunResult[];
  years: number[];
  date?: string;
  png?: boolean;
}

function yearTable(results: RunResult[], year: number) {
  const steps = results.map((r) => stepNear(r, year));
  const outside = { text: OUTSIDE_HORIZON, className: 'text outside' };
  return {
    caption: `Headroom in ${formatYear(year)}: shaded below 1, the coupled solve's binding constraint outlined`,
    header: ['Wall', ...results.map((r) => r.scenario.name)],
    rows: [
      ...WALLS.map((w) => [
        { text: w, className: 'text' },
        ...steps.map((s) => {
          if (!s) return outside;
          const h = s.walls[w].headroom;
          const cls = [h < 1 ? 'binds' : '', s.achievable.binding === w ? 'binding' : ''].filter(Boolean).join(' ');
          return { text: formatHeadroom(h), ...(cls ? { className: cls } : {}) };
        }),
      ]),
      [
        { text: 'achievable', className: 'text' },
        ...steps.map((s) =>
          s
            ? {
                text: formatHeadroom(s.achievable.headroom),
                ...(s.achievable.headroom < 1 ? { className: 'binds' } : {}),
              }
            : outside,
        ),
      ],
      [
        { text: 'binding: limited by', className: 'text' },
        ...steps.map((s) =>
          s ? { text: `${s.achievable.binding}: ${s.achievable.limited_by}`, className: 'text' } : outside,
        ),
      ],
      ...(steps.some((s) => s?.inference) ? [inferenceRow(steps, outside)] : []),
    ],
  };
}

/** The explanation a result carries, or one made from the result alone (a result file from before). */
const words = (r: RunResult) => r.explanation ?? explanation(r);

/** Real-time inference beside the walls: servable / needed within the latency budget. */
function inferenceRow(steps: (StepResult | null)[], outside: Cell): Cell[] {
  return [
    { text: 'real-time inference (servable / needed)', className: 'text' },
    ...steps.map((s) => {
      if (!s) return outside;
      if (!s.inference) return { text: '-' };
      const h = s.inference.headroom;
      return { text: formatHeadroom(h), ...(h < 1 ? { className: 'binds' } : {}) };
    }),
  ];
}

/** Cost charts: energy share per scenario (when the runs carry costs), scale-up vs scale-out for a pair. */
function costDefs(results: RunResult[]): { defs: ChartDef[]; notes: string[] } {
  const defs: ChartDef[] = [];
  const notes: string[] = [];
  if (energyShareRows(results).length)
    defs.push({
      name: 'compare-energy-share',
      caption: "Energy's share of each scenario's frontier-run cost over time.",
      spec: compareEnergyShareChart({ results }),
    });
  const year = results.length === 2 ? sharedYear(results[0], results[1]) : null;
  if (year !== null) {
    const [a, b] = results.map((r) => r.scenario.name);
    defs.push({
      name: 'compare-scale',
      caption: `The two designs side by side in ${formatYear(year)}, the first year both model (${a} and ${b} at their ${formatYear(year)} steps): communication, rack power, PUE, network and power headroom, run cost and its energy share.`,
      spec: scaleCompareChart(results[0], results[1], year),
    });
  } else if (results.length === 2)
    notes.push(
      `Design side-by-side chart: ${results[0].scenario.name} and ${results[1].scenario.name} share no year, and two designs are only compared in a year both model.`,
    );
  return { defs, notes };
}

function dataFiles(results: RunResult[], years: number[]): ReportFile[] {
  const rows = compareRows(results, years).map((r) => [r.scenario, r.year, r.wall, r.headroom, r.binding]);
  const energy = energyShareRows(results).map((r) => [r.scenario, r.year, r.energy_share]);
  return [
    { path: 'data/compare-headroom.csv', content: toCsv(['scenario', 'year', 'wall', 'headroom', 'binding'], rows) },
    ...(energy.length
      ? [{ path: 'data/compare-energy-share.csv', content: toCsv(['scenario', 'year', 'energy_share'], energy) }]
      : []),
  ];
}

/** Every chart of the compare report, as specs, and the notes for charts left out. */
export function compareChartDefs(results: RunResult[], years: number[]): { defs: ChartDef[]; notes: string[] } {
  const names = uniqueNames(results.map((r) => r.scenario.name));
  const cost = costDefs(results);
  const defs: ChartDef[] = [
    {
      name: 'compare-headroom',
      caption: `Headroom of every wall at chosen years, one column per scenario and one row per year (log scale); a year outside a scenario's horizon is marked "outside horizon". ${FLOOR_NOTE}`,
      spec: compareHeadroomChart({ results, years }),
    },
    {
      name: 'compare-timeline',
      caption: 'The binding wall of each scenario over time, the first wall marked.',
      spec: compareTimelineChart({ results }),
    },
    ...cost.defs,
    ...results.map((r, i) => ({
      name: `headroom-${names[i]}`,
      caption: `Headroom of every wall: ${r.scenario.name}.`,
      spec: headroomChart({ result: r }),
    })),
  ];
  return { defs, notes: cost.notes };
}

export async function buildCompareReport(input: CompareReportInput): Promise<BuiltReport> {
  const { results, years } = input;
  const names = uniqueNames(results.map((r) => r.scenario.name));
  const { defs, notes } = compareChartDefs(results, years);
  const charts = await renderCharts(defs, input.png ?? false);
  const sections: Section[] = [
    {
      id: 'years',
      heading: 'Headroom at chosen years',
      paragraphs: [FLOOR_NOTE],
      tables: years.map((y) => yearTable(results, y)),
    },
    ...results.map((r, i) => ({
      id: `scenario-${names[i]}`,
      heading: `${r.scenario.name}: every step`,
      paragraphs: [verdict(r), ...words(r).first_wall, ...words(r).inference],
      tables: [headroomTable(r, r.scenario.name)],
    })),
    {
      id: 'provenance',
      heading: 'Provenance',
      tables: results.map((r) => ({
        caption: r.scenario.name,
        header: ['Item', 'Value'],
        rows: provenanceRows(r, input.date),
      })),
    },
    {
      id: 'data',
      heading: 'Data',
      list: [
        ...dataFiles(results, years).map((f) => ({ href: f.path, text: f.path })),
        ...names.map((n) => ({ href: `results/${n}.json`, text: `results/${n}.json` })),
      ],
    },
  ];
  const html = renderPage({
    title: `firstwall compare: ${results.map((r) => r.scenario.name).join(' vs ')}`,
    verdict: results.map((r) => `${r.scenario.name}: ${verdict(r)}`),
    figures: charts.figures,
    notes,
    sections,
  });
  return {
    files: [
      { path: 'index.html', content: html },
      ...charts.files,
      ...dataFiles(results, years),
      ...results.map((r, i) => ({ path: `results/${names[i]}.json`, content: resultJson(r) })),
    ],
    warnings: charts.warnings,
  };
}
