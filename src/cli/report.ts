// `firstwall report <scenario.yaml> | --from result.json | --sweep sweep.json`: runs the scenario or
// reads a result or sweep file, and writes a report folder (index.html, charts/*.vl.json + .svg
// [+ .png], data/*.csv, result.json), atomically.
import type { Command, CommandIO } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { MAX_SAMPLES, parseCommandArgs, parseIntOption } from './options.ts';
import { REPORT_FLAGS, outFolder, parseDate, parseSeed } from './report-options.ts';
import { modelRunSource, type RunInputs, type RunSource } from '../report/run-source.ts';
import { checkSameScenario, fileRunInputs } from '../report/file-source.ts';
import { readSweepFile } from '../report/result-file.ts';
import { buildSweepReport } from '../report/sweep-report.ts';
import { uncertaintyVerdict } from '../report/uncertainty-report.ts';
import type { SweepResult } from '../montecarlo/sweep-result.ts';
import { buildRunReport } from '../report/run-report.ts';
import { safeName } from '../report/assemble.ts';
import { verdict } from '../charts/tidy.ts';
import { DEFAULT_REPORT_SAMPLES } from '../report/uncertainty.ts';
import { assertFinite } from '../io/finite.ts';
import { writeReportAtomic } from '../io/atomic/folder.ts';

const usage = `Usage: firstwall report <scenario.yaml> [--out DIR] [--seed N] [--samples N] [--sweep sweep.json] [--png] [--date YYYY-MM-DD]
       firstwall report --from result.json [--sweep sweep.json] [--out DIR] [--png] [--date YYYY-MM-DD]
       firstwall report --sweep sweep.json [--out DIR] [--png] [--date YYYY-MM-DD]
  Runs the scenario, or reads a result (--from; what "firstwall run --json" or "run --out" writes)
  or a sweep (--sweep; what "firstwall sweep --out" or "merge" writes), and writes a report folder
  (default reports/<scenario name>, reports/<scenario name>-sweep for a sweep alone):
    index.html           self-contained page: charts, first-wall verdict, headroom table, cost,
                         fleet and uncertainty sections, inputs, provenance
    charts/<c>.vl.json   Vega-Lite spec with its data inline (open it in the Vega editor to restyle)
    charts/<c>.svg       the chart; charts/<c>.png too with --png
    data/*.csv, result.json
  Every report has the energy share of the frontier run's cost; a scenario with a fleet: section
  adds the fleet's electricity against published estimates. A scenario with distributions adds a
  Monte Carlo sweep run in-process (fan chart of headroom, first-wall probabilities with 95% Wilson
  intervals, data/sweep.json) and the p10/p90 tornados of "firstwall sensitivity".
  --samples N  Monte Carlo samples for a scenario with distributions (default ${DEFAULT_REPORT_SAMPLES}; 0: none)
  --from       the positional is a result file; the report has no key inputs, roofline or router
               chart (they need the scenario)
  --sweep F    the uncertainty part from sweep file F (no tornado) instead of running a sweep; alone,
               a report of the sweep. A result and a sweep must be of the same scenario.
  Files written by another firstwall version line (0.x: another minor version) are refused (exit 2).
  The folder is written atomically: an existing report is replaced whole, or left as it was if the
  run fails or is interrupted. A folder that is not a firstwall report is never replaced.
  --date puts a run date in the page; without it no date appears (outputs never read the clock).

Examples:
  firstwall report scenarios/baseline-2025.yaml --out reports/baseline --date 2026-01-15
  firstwall run scenarios/baseline-2025.yaml --out out && firstwall report --from out/result.json
  firstwall report --sweep sweep-out/sweep.json
`;

interface Parsed {
  positionals: string[];
  from: boolean;
  sweepFile?: string;
  seed?: string;
  samples?: string;
}

/** What to report: a run of the scenario, a result file, or a sweep file alone. */
function checkSources(p: Parsed): 'run' | 'file' | 'sweep' {
  const ran = p.seed !== undefined || p.samples !== undefined;
  if (p.from) {
    if (p.positionals.length !== 1) throw new UsageError('--from expects exactly one result file');
    if (ran) throw new UsageError('--seed and --samples run the model; a report --from a result file runs nothing');
    return 'file';
  }
  if (p.positionals.length === 0 && p.sweepFile !== undefined) {
    if (ran) throw new UsageError('--seed and --samples run the model; a report of a sweep file runs nothing');
    return 'sweep';
  }
  if (p.positionals.length !== 1) throw new UsageError('expected exactly one scenario file (or --from, or --sweep)');
  if (p.sweepFile !== undefined && p.samples !== undefined)
    throw new UsageError('--samples runs a sweep; --sweep reads one: give one of them');
  return 'run';
}

export function makeReportCommand(source: RunSource = modelRunSource): Command {
  return {
    name: 'report',
    summary: 'run a scenario and write an HTML report with charts and data',
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(args, {
        ...REPORT_FLAGS,
        samples: { type: 'string' },
        from: { type: 'boolean' },
        sweep: { type: 'string' },
      });
      const kind = checkSources({
        positionals,
        from: values.from ?? false,
        sweepFile: values.sweep,
        seed: values.seed,
        samples: values.samples,
      });
      const date = parseDate(values.date);
      const png = values.png ?? false;
      const sweep =
        values.sweep === undefined ? undefined : { sweep: readSweepFile(values.sweep, io.cwd), file: values.sweep };
      if (kind === 'sweep') return writeSweepReport(sweep!.sweep, values.out, date, png, io);
      let inputs: RunInputs;
      if (kind === 'file') inputs = fileRunInputs(positionals[0], io.cwd, sweep);
      else {
        const seed = parseSeed(values.seed);
        const samples = sweep ? 0 : parseIntOption('samples', values.samples, DEFAULT_REPORT_SAMPLES, 0, MAX_SAMPLES);
        inputs = await source(positionals[0], io.cwd, seed, { samples });
        if (sweep) {
          checkSameScenario(inputs.result, sweep.sweep, sweep.file);
          inputs = { ...inputs, uncertainty: { sweep: sweep.sweep } };
        }
      }
      assertFinite(inputs, 'the report inputs'); // the output boundary
      const out = outFolder(values.out, `reports/${safeName(inputs.result.scenario.name)}`, io.cwd);
      const built = await buildRunReport({ ...inputs, date, png });
      for (const w of built.warnings) io.stderr(`firstwall report: chart warning: ${w}\n`);
      const written = await writeReportAtomic(out, built.files);
      for (const n of written.notes) io.stderr(`firstwall report: ${n}\n`);
      io.stdout(`${inputs.result.scenario.name}: ${verdict(inputs.result)}\n`);
      io.stdout(`wrote ${out.shown}/index.html (${written.files.length} files)\n`);
      return EXIT.ok;
    },
  };
}

async function writeSweepReport(
  sweep: SweepResult,
  rawOut: string | undefined,
  date: string | undefined,
  png: boolean,
  io: CommandIO,
): Promise<number> {
  assertFinite(sweep, 'the sweep result'); // the output boundary
  const out = outFolder(rawOut, `reports/${safeName(sweep.scenario.name)}-sweep`, io.cwd);
  const built = await buildSweepReport({ sweep, date, png });
  for (const w of built.warnings) io.stderr(`firstwall report: chart warning: ${w}\n`);
  const written = await writeReportAtomic(out, built.files);
  for (const n of written.notes) io.stderr(`firstwall report: ${n}\n`);
  io.stdout(`${sweep.scenario.name}: ${uncertaintyVerdict({ sweep })}\n`);
  io.stdout(`wrote ${out.shown}/index.html (${written.files.length} files)\n`);
  return EXIT.ok;
}

export const reportCommand = makeReportCommand();
