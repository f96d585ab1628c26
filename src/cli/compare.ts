// `firstwall compare <a.yaml> <b.yaml> [...]` (or `--from <a.json> <b.json>`): runs each scenario
// or reads its result, prints them side by side (first wall and year, headroom of every wall at
// chosen years, the binding wall marked), and writes the comparison as a report folder, atomically.
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseNumberList } from './options.ts';
import { REPORT_FLAGS, outFolder, parseDate, parseSeed } from './report-options.ts';
import { uniqueNames } from '../report/assemble.ts';
import { buildCompareReport } from '../report/compare-report.ts';
import { compareTable, defaultYears } from '../report/compare-table.ts';
import { modelRunSource, type RunSource } from '../report/run-source.ts';
import { assertFinite } from '../io/finite.ts';
import { writeReportAtomic } from '../io/atomic/folder.ts';
import { readResultFile } from '../report/result-file.ts';
import type { RunResult } from '../result/types.ts';

/** What `npm start` compares: today's fleet against the 2030 buildout. */
export const DEFAULT_COMPARE = ['scenarios/baseline-2025.yaml', 'scenarios/buildout-2030.yaml'] as const;
export const DEFAULT_COMPARE_OUT = 'reports/baseline-2025-vs-buildout-2030';

const usage = `Usage: firstwall compare <a.yaml> <b.yaml> [...] [--years Y1,Y2] [--out DIR] [--seed N] [--png] [--date YYYY-MM-DD]
       firstwall compare --from <a.json> <b.json> [...] [--years Y1,Y2] [--out DIR] [--png] [--date YYYY-MM-DD]
  Runs every scenario (or, with --from, reads result files: what "firstwall run --json" or
  "run --out" writes; files of another firstwall version line are refused, exit 2) and prints them
  side by side: the first wall and its year, then the headroom
  of every wall at each chosen year (2 significant digits; * marks the binding wall).
  Writes the same as a report folder with comparison charts (default reports/<a>-vs-<b>).
  --years  years to compare (default: every 5 years from the earliest start, and the last year)

Examples:
  firstwall compare ${DEFAULT_COMPARE.join(' ')} --out ${DEFAULT_COMPARE_OUT}
  firstwall compare --from a/result.json b/result.json
`;

export function makeCompareCommand(source: RunSource = modelRunSource): Command {
  return {
    name: 'compare',
    summary: 'run scenarios and compare them side by side (terminal and report folder)',
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(args, {
        ...REPORT_FLAGS,
        years: { type: 'string' },
        from: { type: 'boolean' },
      });
      const what = values.from ? 'result' : 'scenario';
      if (positionals.length < 2) throw new UsageError(`expected at least two ${what} files`);
      if (values.from && values.seed !== undefined)
        throw new UsageError('--seed runs the model; compare --from result files runs nothing');
      const date = parseDate(values.date);
      const seed = parseSeed(values.seed);
      const results: RunResult[] = [];
      for (const file of positionals)
        results.push(values.from ? readResultFile(file, io.cwd) : (await source(file, io.cwd, seed)).result);
      results.forEach((r, i) => assertFinite(r, `the run of ${positionals[i]}`)); // the output boundary
      const years = parseNumberList('years', values.years, defaultYears(results));
      if (years.length === 0) throw new UsageError('--years must name at least one year');
      io.stdout(compareTable(results, years));
      const out = outFolder(
        values.out,
        `reports/${uniqueNames(results.map((r) => r.scenario.name)).join('-vs-')}`,
        io.cwd,
      );
      const built = await buildCompareReport({ results, years, date, png: values.png ?? false });
      for (const w of built.warnings) io.stderr(`firstwall compare: chart warning: ${w}\n`);
      const written = await writeReportAtomic(out, built.files);
      for (const n of written.notes) io.stderr(`firstwall compare: ${n}\n`);
      io.stdout(`\nwrote ${out.shown}/index.html (${written.files.length} files)\n`);
      return EXIT.ok;
    },
  };
}

export const compareCommand = makeCompareCommand();
