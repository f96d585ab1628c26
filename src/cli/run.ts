// `firstwall run <scenario.yaml>`: one run; per-step tables and the verdict on stdout, or the full
// result as JSON (--json on stdout, --out DIR/result.json on disk). A thin layer over runScenario.
import { join } from 'node:path';
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseIntOption, parseSeed } from './options.ts';
import { achievableTable, headroomTable, permittedTable } from './run-table.ts';
import { DEFAULT_DRAWS, verdictCertainty } from '../model/certainty.ts';
import { runScenario } from '../model/run.ts';
import { loadScenario } from '../scenario/load.ts';
import { verdict } from '../model/verdict.ts';
import { assertFinite } from '../io/finite.ts';
import { writeIntoFolder } from '../io/atomic/file.ts';
import { resolveOutPath } from '../io/atomic/out-path.ts';
import { resultJson } from '../report/result-file.ts';

const usage = `Usage: firstwall run <scenario.yaml> [--seed N] [--draws N] [--json] [--out DIR]
  Runs the scenario. For every step: what each wall's own resource permits (every other resource
  ample) and its headroom (permit / target; * marks below 1); then the achievable run with every
  constraint at once, its binding constraint and the others active (with elasticities). Then the
  verdict, and how certain it is over lead-time draws.
  --seed N   override the scenario's seed
  --draws N  lead-time draws for the certainty check (default ${DEFAULT_DRAWS}; 0 skips it)
  --json     print the full result (schemas/result.schema.json) on stdout, nothing else
  --out DIR  also write DIR/result.json (atomically)

Example:
  firstwall run scenarios/baseline-2025.yaml
  firstwall run scenarios/power-limited.yaml --json > result.json
`;

/** Most certainty draws: each is a full run of the scenario, so 1,000 is minutes for a 16-step run (E). */
const MAX_DRAWS = 1000;

function parseDraws(raw: string | undefined): number {
  return parseIntOption('draws', raw, DEFAULT_DRAWS, 0, MAX_DRAWS);
}

export const runCommand: Command = {
  name: 'run',
  summary: "run a scenario: every wall's headroom per step and the first wall",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      seed: { type: 'string' },
      draws: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one scenario file');
    const seed = parseSeed(values.seed);
    const out = values.out === undefined ? undefined : resolveOutPath(values.out, '--out', 'folder', io.cwd);
    const draws = parseDraws(values.draws);
    const loaded = loadScenario(positionals[0], io.cwd);
    const result = runScenario(loaded, { seed, cwd: io.cwd });
    if (draws > 0) result.certainty = verdictCertainty(loaded, result, { cwd: io.cwd }, draws);
    assertFinite(result, 'the result'); // the output boundary: nothing non-finite is printed or written
    const json = resultJson(result);
    if (out) writeIntoFolder(out, 'result.json', json);
    if (values.json) {
      io.stdout(json);
      return EXIT.ok;
    }
    io.stdout(
      [
        `${result.scenario.name}: ${result.scenario.description}`,
        '',
        "Each wall's own permit (physical FLOP; every other resource ample)",
        permittedTable(result),
        '',
        'Headroom of each wall (permit / target; * below 1)',
        headroomTable(result),
        '',
        'Achievable run (every constraint at once) and why not more',
        achievableTable(result),
        '',
        verdict(result),
        '',
      ].join('\n'),
    );
    if (out) io.stdout(`Result written to ${join(out.shown, 'result.json')}\n`);
    return EXIT.ok;
  },
};
