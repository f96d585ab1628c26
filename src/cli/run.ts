// `firstwall run <scenario.yaml>`: one run; per-step tables and the verdict on stdout, or the full
// result as JSON (--json on stdout, --out DIR/result.json on disk). A thin layer over runScenario.
import { join } from 'node:path';
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseSeed } from './options.ts';
import { headroomTable, permittedTable } from './run-table.ts';
import { loadAndRun } from '../model/load-and-run.ts';
import { verdict } from '../model/verdict.ts';
import { assertFinite } from '../io/finite.ts';
import { writeIntoFolder } from '../io/atomic/file.ts';
import { resolveOutPath } from '../io/atomic/out-path.ts';
import { resultJson } from '../report/result-file.ts';

const usage = `Usage: firstwall run <scenario.yaml> [--seed N] [--json] [--out DIR]
  Runs the scenario: for every step, the target training run, what each wall permits, each
  wall's headroom (permitted / target; * marks < 1) and the binding wall; then the verdict.
  --seed N   override the scenario's seed
  --json     print the full result (schemas/result.schema.json) on stdout, nothing else
  --out DIR  also write DIR/result.json (atomically)

Example:
  firstwall run scenarios/baseline-2025.yaml
  firstwall run scenarios/power-limited.yaml --json > result.json
`;

export const runCommand: Command = {
  name: 'run',
  summary: "run a scenario: every wall's headroom per step and the first wall",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      seed: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one scenario file');
    const seed = parseSeed(values.seed);
    const out = values.out === undefined ? undefined : resolveOutPath(values.out, '--out', 'folder', io.cwd);
    const result = loadAndRun(positionals[0], { seed, cwd: io.cwd });
    assertFinite(result, 'the result'); // the output boundary: nothing non-finite is printed or written
    const json = resultJson(result);
    if (out) writeIntoFolder(out, 'result.json', json);
    if (values.json) {
      io.stdout(json);
      return EXIT.ok;
    }
    io.stdout(
      `${result.scenario.name}: ${result.scenario.description}\n\nPermitted run (physical FLOP)\n${permittedTable(result)}\n\nHeadroom (permitted / target; * < 1)\n${headroomTable(result)}\n\n${verdict(result)}\n`,
    );
    if (out) io.stdout(`Result written to ${join(out.shown, 'result.json')}\n`);
    return EXIT.ok;
  },
};
