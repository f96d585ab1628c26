// The report of one run: charts 1-5 (roofline and router only when their inputs are given), the
// energy share of the run's cost, the fleet's electricity (scenarios with a fleet), the Monte Carlo
// fan, first-wall probabilities and tornados (scenarios with distributions), the verdict, the
// headroom table, cost, fleet and uncertainty sections, key inputs, buildouts, events, provenance,
// CSV data, result.json (and data/sweep.json, data/sensitivity.json with uncertainty).
//
//   RunResult (+ roofline, router, key inputs, uncertainty) -> chart specs -> SVG (+ PNG) -> HTML page + files
//
// Invariant: the files are a pure function of the input (same input, byte-identical files).
import type { RunResult } from '../result/types.ts';
import { type ChartDef, headroomTable, provenanceRows, renderCharts } from './assemble.ts';
import { headroomChart, permittedChart, powerChart, rooflineChart, routerChart } from '../charts/index.ts';
import { costCharts, costFiles, costSections } from './cost-report.ts';
import { runCsvFiles } from './csv.ts';
import { renderPage, type Section, type Table } from './html.ts';
import {
  headroomSentence,
  isMoe,
  permittedSentence,
  powerSentence,
  rooflineSentence,
  routerSentence,
} from './sentences/charts.ts';
import { inferenceSentences, tightestInferenceStep } from './sentences/inference.ts';
import { explanation } from './explanation.ts';
import { stepActivity, wallLimits } from './step-activity.ts';
import { hasSitingDetail, inferenceChart } from '../charts/inference.ts';
import { WALLS } from '../walls/registry.ts';
import type { KeyInput, RooflineInput, RouterLoadInput } from '../charts/inputs.ts';
import { imbalanceTokensChart, type ImbalanceCurveInput } from '../charts/imbalance-tokens.ts';
import { formatAmount, formatHeadroom, formatYear, verdict } from '../charts/tidy.ts';
import type { Uncertainty } from './uncertainty.ts';
import { uncertaintyCharts, uncertaintyFiles, uncertaintySection, uncertaintyVerdict } from './uncertainty-report.ts';
import type { ReportFile } from '../io/atomic/folder.ts';
import { resultJson } from './result-file.ts';
import { FLOOR_NOTE } from '../result/format.ts';

export interface RunReportInput {
  result: RunResult;
  keyInputs?: KeyInput[];
  roofline?: RooflineInput;
  router?: RouterLoadInput;
  /** MoE families: router imbalance against tokens per rank (src/charts/imbalance-tokens.ts). */
  imbalance?: ImbalanceCurveInput;
  /** Sweep and tornado, for a scenario with distributions (src/report/uncertainty.ts). */
  uncertainty?: Uncertainty;
  /** Run date (YYYY-MM-DD) to print; absent: no date appears anywhere. */
  date?: string;
  png?: boolean;
}

export interface BuiltReport {
  files: ReportFile[];
  warnings: string[];
}

/** Every chart of the run report, as specs (the clipping test renders them all): each caption says
 * what the chart shows, then what this run's data says (src/report/sentences/). Charts that do not
 * apply are left out: the router only for MoE families, inference only with its siting detail. */
export function runChartDefs(input: RunReportInput): { defs: ChartDef[]; notes: string[] } {
  const r = input.result;
  const defs: ChartDef[] = [
    {
      name: 'headroom',
      caption: `Headroom of every wall over time (log scale); below 1 the wall binds. ${headroomSentence(r)}`,
      spec: headroomChart({ result: r }),
    },
    {
      name: 'permitted',
      caption: `The largest training run each wall permits, against the target run (FLOP, log scale). ${permittedSentence(r)}`,
      spec: permittedChart({ result: r }),
    },
    {
      name: 'power',
      caption: `Facility power and cooling against available power, with grid, generation and cooling buildouts. ${powerSentence(r)}`,
      spec: powerChart({ result: r }),
    },
  ];
  const notes: string[] = [];
  if (input.roofline && input.roofline.accelerators.length) {
    defs.push({
      name: 'roofline',
      caption: `Roofline of each accelerator generation with the workload by batch size. ${rooflineSentence(r)}`,
      spec: rooflineChart({ input: input.roofline }),
    });
  } else notes.push('Roofline chart: no accelerator catalog given.');
  if (isMoe(r)) {
    if (input.router && input.router.experts.length) {
      defs.push({
        name: 'router',
        caption: `Router load per expert from the micro-MoE calibration. ${routerSentence(input.router.imbalance, input.router.experts.length)}`,
        spec: routerChart({ input: input.router }),
      });
    } else
      notes.push(
        'Router chart: no micro-MoE calibration given (run `firstwall calibrate` and name it in the scenario).',
      );
    if (input.imbalance)
      defs.push({
        name: 'router-imbalance',
        caption:
          "Router imbalance against tokens per rank: the micro-MoE's measured curve, chance's floor, and the law the walls use.",
        spec: imbalanceTokensChart({ input: input.imbalance }),
      });
  } else if (r.workload.family?.kind === 'dense') notes.push('Router charts: a dense family has no router.');
  const cost = costCharts(r);
  defs.push(...cost.defs);
  const tight = tightestInferenceStep(r);
  if (tight && hasSitingDetail(tight.inference))
    defs.push({
      name: 'inference',
      caption: `Real-time inference against the speed of light in ${formatYear(tight.year)}, the year it is tightest: each user population's servable accelerators over its need as the round-trip budget grows. ${inferenceSentences(r)[0] ?? ''}`,
      spec: inferenceChart(tight.inference, tight.year, r.scenario.name),
    });
  defs.push(...(input.uncertainty ? uncertaintyCharts(input.uncertainty) : []));
  return { defs, notes: [...notes, ...cost.notes] };
}

/** The explanation the result carries (run, report), or one made from the result alone. */
function why(r: RunResult): NonNullable<RunResult['explanation']> {
  return r.explanation ?? explanation(r);
}

function activityTable(r: RunResult): Table {
  return {
    caption: 'Ordered from this step to the next; landed and applied by this step (every order: Buildouts below)',
    header: ['Year', 'Ordered', 'Landed', 'Events'],
    rows: stepActivity(r).map((a) =>
      [formatYear(a.year), a.ordered, a.landed, a.events].map((text, i) => ({
        text,
        className: i ? 'text' : undefined,
      })),
    ),
  };
}

function inferenceTable(r: RunResult): Table | null {
  const steps = r.steps.filter((s) => s.inference);
  if (!steps.length) return null;
  const users = steps[0].inference!.users.map((u) => u.name);
  return {
    caption: 'Servable real-time inference accelerators / needed, per user population (0: no site in reach)',
    header: ['Year', 'Budget (ms)', 'Radius (km)', ...users, 'all'],
    rows: steps.map((s) => {
      const i = s.inference!;
      return [
        formatYear(s.year),
        String(i.latency_budget_ms),
        String(Math.round(i.users[0]?.radius_km ?? 0)),
        ...i.users.map((u) => formatHeadroom(u.headroom)),
        formatHeadroom(i.headroom),
      ].map((text, k) => ({
        text,
        ...(k >= 3 && Number(i.users[k - 3]?.headroom ?? i.headroom) < 1 ? { className: 'binds' } : {}),
      }));
    }),
  };
}

function leadSections(r: RunResult): Section[] {
  return [
    {
      id: 'why',
      heading: r.first_wall ? 'Why the first wall binds' : 'Why no wall binds',
      paragraphs: why(r).first_wall,
    },
  ];
}

function sections(input: RunReportInput): Section[] {
  const r = input.result;
  const crossings = r.crossings.map((c) => `${c.wall}: ${formatYear(c.year)}`).join(', ') || 'none within the horizon';
  const inference = inferenceTable(r);
  return [
    {
      id: 'headroom-table',
      heading: 'Headroom of every wall per step',
      paragraphs: [
        `Each wall's headroom is its own permit / target FLOP (every other resource ample); "achievable" is the run with every constraint at once. Shaded: below 1. Outlined: the coupled solve's binding constraint. First year each wall's own permit falls below 1: ${crossings}.`,
        FLOOR_NOTE,
        "What limits each wall's own permit: " +
          wallLimits(r, WALLS)
            .map((x) => `${x.wall}: ${x.text}`)
            .join('; ') +
          '.',
      ],
      tables: [headroomTable(r, `${r.scenario.name}, ${r.horizon.start_year}-${r.horizon.end_year}`)],
    },
    {
      id: 'activity',
      heading: 'Buildouts and events per step',
      tables: [activityTable(r)],
    },
    ...(inference
      ? [
          {
            id: 'inference',
            heading: 'Real-time inference and the speed of light',
            paragraphs: why(r).inference,
            tables: [inference],
          },
        ]
      : []),
    ...(input.uncertainty ? [uncertaintySection(input.uncertainty)] : []),
    ...costSections(r),
    {
      id: 'inputs',
      heading: 'Key inputs',
      paragraphs: r.scenario.description ? [r.scenario.description] : [],
      tables: input.keyInputs
        ? [
            {
              caption: 'Scenario',
              header: ['Input', 'Value'],
              rows: input.keyInputs.map((k) => [
                { text: k.label, className: 'text' },
                { text: k.value, className: 'text' },
              ]),
            },
          ]
        : [],
    },
    {
      id: 'buildouts',
      heading: 'Buildouts and events',
      tables: [
        {
          caption: 'Buildouts (ordered by the planner or by events)',
          header: ['#', 'Kind', 'Site', 'Amount', 'Ordered', 'Lands', 'Landed'],
          rows: r.buildouts.map((b) =>
            [
              String(b.id),
              b.kind,
              b.site ?? '-',
              `${formatAmount(b.amount)} ${b.unit}${b.item ? ` (${b.item})` : ''}`,
              formatYear(b.ordered_at),
              b.lands_at === null ? 'queued' : formatYear(b.lands_at),
              b.landed ? 'yes' : 'no',
            ].map((text, i) => ({ text, className: i === 1 || i === 2 ? 'text' : undefined })),
          ),
        },
        {
          caption: 'Events',
          header: ['Year', 'Kind', 'Site', 'Effect'],
          rows: r.events.map((e) =>
            [formatYear(e.at), e.kind, e.site ?? '-', e.effect].map((text, i) => ({
              text,
              className: i ? 'text' : undefined,
            })),
          ),
        },
      ],
    },
    {
      id: 'provenance',
      heading: 'Provenance',
      tables: [{ caption: 'This run', header: ['Item', 'Value'], rows: provenanceRows(r, input.date) }],
    },
    {
      id: 'data',
      heading: 'Data',
      list: [
        { href: 'result.json', text: 'result.json (the full run result)' },
        ...dataFiles(input).map((f) => ({ href: f.path, text: f.path })),
      ],
    },
  ];
}

/** Every file under data/, in a fixed order. */
function dataFiles(input: RunReportInput): ReportFile[] {
  const csv = Object.entries(runCsvFiles(input.result)).map(([name, content]) => ({ path: `data/${name}`, content }));
  return [...csv, ...costFiles(input.result), ...(input.uncertainty ? uncertaintyFiles(input.uncertainty) : [])];
}

export async function buildRunReport(input: RunReportInput): Promise<BuiltReport> {
  const r = input.result;
  const { defs, notes } = runChartDefs(input);
  const charts = await renderCharts(defs, input.png ?? false);
  const lines = [verdict(r), ...(input.uncertainty ? [uncertaintyVerdict(input.uncertainty)] : [])];
  const html = renderPage({
    title: `firstwall report: ${r.scenario.name}`,
    verdict: lines,
    lead: leadSections(r),
    figures: charts.figures,
    notes,
    sections: sections(input),
  });
  return {
    files: [
      { path: 'index.html', content: html },
      ...charts.files,
      ...dataFiles(input),
      { path: 'result.json', content: resultJson(r) },
    ],
    warnings: charts.warnings,
  };
}
