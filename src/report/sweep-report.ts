// The report of a sweep read from its sweep.json (`firstwall report --sweep FILE`, say a sweep run
// as shards on a cluster and merged): the fan chart of headroom and the first-wall probabilities,
// the uncertainty section, each uncertain input's sampled range, provenance, and data/sweep.json.
// Invariant: a pure function of the sweep result (same file, byte-identical report).
import type { SweepResult } from '../montecarlo/sweep-result.ts';
import { formatYear } from '../charts/tidy.ts';
import { renderCharts } from './assemble.ts';
import type { Cell, Section, Table } from './html.ts';
import { renderPage } from './html.ts';
import type { BuiltReport } from './run-report.ts';
import { uncertaintyCharts, uncertaintyFiles, uncertaintySection, uncertaintyVerdict } from './uncertainty-report.ts';

export interface SweepReportInput {
  sweep: SweepResult;
  /** Run date (YYYY-MM-DD) to print; absent: no date appears anywhere. */
  date?: string;
  png?: boolean;
}

const num = (x: number) => String(Number(x.toPrecision(3)));

function inputsTable(s: SweepResult): Table {
  const rows: Cell[][] = s.inputs.map((i) => [
    { text: i.pointer, className: 'text' },
    { text: num(i.nominal) },
    ...[i.sampled.p5, i.sampled.p50, i.sampled.p95].map((x) => ({ text: num(x) })),
    { text: i.spearman_first_wall_year === null ? '-' : i.spearman_first_wall_year.toFixed(2) },
  ]);
  return {
    caption: 'Uncertain inputs: nominal value, sampled quantiles, rank correlation with the first-wall year',
    header: ['Input', 'Nominal', 'p5', 'p50', 'p95', 'Spearman'],
    rows,
  };
}

function provenance(s: SweepResult, date: string | undefined): Table {
  const rows: [string, string][] = [
    ['Scenario', `${s.scenario.name} (${s.scenario.file})`],
    ['Scenario hash (sha256)', s.scenario.hash],
    ['Seed', String(s.seed)],
    ['Samples', String(s.samples)],
    ['Model seed', s.model_seed],
    ['Horizon end', formatYear(s.end_year)],
    ['firstwall version', s.firstwall_version],
  ];
  if (date) rows.push(['Run date', date]);
  return {
    caption: 'This sweep',
    header: ['Item', 'Value'],
    rows: rows.map(([k, v]) => [
      { text: k, className: 'text' },
      { text: v, className: 'text' },
    ]),
  };
}

export async function buildSweepReport(input: SweepReportInput): Promise<BuiltReport> {
  const u = { sweep: input.sweep };
  const charts = await renderCharts(uncertaintyCharts(u), input.png ?? false);
  const files = uncertaintyFiles(u);
  const sections: Section[] = [
    uncertaintySection(u),
    { id: 'inputs', heading: 'Uncertain inputs', tables: [inputsTable(input.sweep)] },
    { id: 'provenance', heading: 'Provenance', tables: [provenance(input.sweep, input.date)] },
    { id: 'data', heading: 'Data', list: files.map((f) => ({ href: f.path, text: f.path })) },
  ];
  const html = renderPage({
    title: `firstwall sweep report: ${input.sweep.scenario.name}`,
    verdict: [uncertaintyVerdict(u)],
    figures: charts.figures,
    notes: [],
    sections,
  });
  return { files: [{ path: 'index.html', content: html }, ...charts.files, ...files], warnings: charts.warnings };
}
