// The Monte Carlo pieces of a run report: the fan chart of headroom per wall and the first-wall
// probability bars (src/montecarlo/charts, sweepCharts), the two tornado charts (tornadoCharts),
// a section with the first-wall probabilities (95% Wilson interval), the first-wall year
// quantiles and the p10/p90 swings, and data/sweep.json (the `firstwall sweep` format) plus
// data/sensitivity.json. A sweep read from a file has no tornado (it needs the scenario).
// Invariant: pure functions of an Uncertainty.
import { sweepCharts } from '../charts/sweep-charts.ts';
import { tornadoCharts } from '../charts/tornado-specs.ts';
import { sweepJson } from './sweep-output.ts';
import type { ChartDef } from './assemble.ts';
import { fitToPage } from '../charts/fit.ts';
import type { Cell, Section, Table } from './html.ts';
import { formatHeadroom, formatPercent as percent, formatYear } from '../charts/tidy.ts';
import type { Uncertainty } from './uncertainty.ts';
import type { OatResult } from '../montecarlo/sensitivity.ts';
import type { ReportFile } from '../io/atomic/folder.ts';

const CAPTIONS: Record<string, string> = {
  'headroom-fan': 'Headroom of every wall across the Monte Carlo samples: median line, p5-p95 band (log scale).',
  'first-wall-probability': 'Probability that each wall binds first, with 95% Wilson intervals.',
  'tornado-first-wall-year':
    'First-wall year as each uncertain input swings from its p10 to its p90, the others at nominal.',
  'tornado-headroom':
    'Headroom of the binding wall at the nominal first-wall year as each input swings from p10 to p90.',
};

export function uncertaintyCharts(u: Uncertainty): ChartDef[] {
  const specs = { ...sweepCharts(u.sweep), ...(u.sensitivity ? tornadoCharts(u.sensitivity) : {}) };
  return Object.entries(specs).map(([name, spec]) => ({
    name,
    caption: CAPTIONS[name] ?? name,
    spec: fitToPage(spec),
  }));
}

/** The verdict line of the sweep: the wall most often first, with its interval. */
export function uncertaintyVerdict(u: Uncertainty): string {
  const top = [...u.sweep.first_wall.walls].sort((a, b) => b.count - a.count)[0];
  const what = top.wall === 'none' ? `no wall binds by ${formatYear(u.sweep.end_year)}` : `${top.wall} binds first`;
  return `Over ${u.sweep.samples} Monte Carlo samples, ${what} most often: ${percent(top.probability)} (95% CI ${percent(top.ci_low)}-${percent(top.ci_high)}).`;
}

export function probabilityTable(u: Uncertainty): Table {
  const rows: Cell[][] = u.sweep.first_wall.walls.map((w) => [
    { text: w.wall === 'none' ? `none by ${formatYear(u.sweep.end_year)}` : w.wall, className: 'text' },
    { text: String(w.count) },
    { text: percent(w.probability) },
    { text: `${percent(w.ci_low)} - ${percent(w.ci_high)}` },
  ]);
  return {
    caption: `First wall over ${u.sweep.samples} samples`,
    header: ['Wall', 'Samples', 'Probability', '95% CI (Wilson)'],
    rows,
  };
}

function swingTable(u: Uncertainty, o: OatResult): Table {
  const rows: Cell[][] = o.rows.map((r) => [
    { text: r.pointer, className: 'text' },
    ...[r.p10, r.p90].map((v) => ({ text: formatHeadroom(v) })),
    ...[r.at_p10.first_wall_year, r.at_p90.first_wall_year].map((y) => ({
      text: y > u.sweep.end_year ? 'none' : formatYear(y),
    })),
    ...[r.at_p10.headroom, r.at_p90.headroom].map((h) => ({ text: formatHeadroom(h) })),
  ]);
  return {
    caption: `One input at a time (headroom in ${formatYear(o.year)}, ${o.wall} wall)`,
    header: ['Input', 'p10', 'p90', 'First wall at p10', 'at p90', 'Headroom at p10', 'at p90'],
    rows,
  };
}

function yearParagraph(u: Uncertainty): string {
  const y = u.sweep.first_wall_year;
  const none = `${percent(y.share_none)} of samples hit no wall by ${formatYear(u.sweep.end_year)}`;
  if (y.p50 === undefined) return `No sample hits a wall within the horizon (${none}).`;
  return `First-wall year over the ${y.samples_with_wall} samples with a wall: p5 ${formatYear(y.p5!)}, median ${formatYear(y.p50)}, p95 ${formatYear(y.p95!)}; ${none}.`;
}

export function uncertaintySection(u: Uncertainty): Section {
  const s = u.sweep;
  const o = u.sensitivity;
  return {
    id: 'uncertainty',
    heading: o ? 'Uncertainty: Monte Carlo and sensitivity' : 'Uncertainty: Monte Carlo',
    paragraphs: [
      `${s.samples} samples of the scenario's ${s.inputs.length} uncertain inputs (seed ${s.seed}, each sample with its own planner lead times); the same samples as "firstwall sweep --samples ${s.samples} --seed ${s.seed}". Probabilities carry 95% Wilson score intervals.`,
      yearParagraph(u),
      ...(o
        ? [
            `Tornado: each input at its p10 and its p90 with the others at nominal and the scenario's seed; nominal first-wall year ${o.nominal.first_wall_year > s.end_year ? 'none' : formatYear(o.nominal.first_wall_year)}.`,
          ]
        : []),
    ],
    tables: [probabilityTable(u), ...(o ? [swingTable(u, o)] : [])],
  };
}

export function uncertaintyFiles(u: Uncertainty): ReportFile[] {
  const files = [{ path: 'data/sweep.json', content: sweepJson(u.sweep) }];
  if (u.sensitivity)
    files.push({
      path: 'data/sensitivity.json',
      content: JSON.stringify({ scenario: u.sweep.scenario, ...u.sensitivity }, null, 2) + '\n',
    });
  return files;
}
