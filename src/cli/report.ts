// `firstwall report <scenario.yaml> [--out DIR]`: runs the scenario and writes a report folder
// (index.html, charts/*.vl.json + .svg [+ .png], data/*.csv, result.json), atomically.
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { MAX_SAMPLES, parseCommandArgs, parseIntOption } from './options.ts';
import { REPORT_FLAGS, outFolder, parseDate, parseSeed } from './report-options.ts';
import { modelRunSource, type RunSource } from '../report/run-source.ts';
import { buildRunReport } from '../report/run-report.ts';
import { safeName } from '../report/assemble.ts';
import { verdict } from '../charts/tidy.ts';
import { DEFAULT_REPORT_SAMPLES } from '../report/uncertainty.ts';
import { assertFinite } from '../io/finite.ts';
import { writeReportAtomic } from '../io/atomic/folder.ts';

const usage = `Usage: firstwall report <scenario.yaml> [--out DIR] [--seed N] [--samples N] [--png] [--date YYYY-MM-DD]
  Runs the scenario and writes a report folder (default reports/<scenario name>):
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
  The folder is written atomically: an existing report is replaced whole, or left as it was if the
  run fails or is interrupted. A folder that is not a firstwall report is never replaced.
  --date puts a run date in the page; without it no date appears (outputs never read the clock).

Example:
  firstwall report scenarios/baseline-2025.yaml --out reports/baseline --date 2026-01-15
`;

export function makeReportCommand(source: RunSource = modelRunSource): Command {
  return {
    name: 'report',
    summary: 'run a scenario and write an HTML report with charts and data',
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(args, { ...REPORT_FLAGS, samples: { type: 'string' } });
      if (positionals.length !== 1) throw new UsageError('expected exactly one scenario file');
      const date = parseDate(values.date);
      const seed = parseSeed(values.seed);
      const samples = parseIntOption('samples', values.samples, DEFAULT_REPORT_SAMPLES, 0, MAX_SAMPLES);
      const inputs = await source(positionals[0], io.cwd, seed, { samples });
      assertFinite(inputs, 'the report inputs'); // the output boundary
      const out = outFolder(values.out, `reports/${safeName(inputs.result.scenario.name)}`, io.cwd);
      const built = await buildRunReport({ ...inputs, date, png: values.png ?? false });
      for (const w of built.warnings) io.stderr(`firstwall report: chart warning: ${w}\n`);
      const written = await writeReportAtomic(out, built.files);
      for (const n of written.notes) io.stderr(`firstwall report: ${n}\n`);
      io.stdout(`${inputs.result.scenario.name}: ${verdict(inputs.result)}\n`);
      io.stdout(`wrote ${out.shown}/index.html (${written.files.length} files)\n`);
      return EXIT.ok;
    },
  };
}

export const reportCommand = makeReportCommand();
