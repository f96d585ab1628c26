// `firstwall run <scenario.yaml>`: one run; per-step tables and the verdict on stdout, or the full
// result as JSON (--json on stdout, --out DIR/result.json on disk). A thin layer over runScenario.
import { join } from 'node:path';
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseIntOption, parseSeed } from './options.ts';
import { runText } from './run-table.ts';
import { explanation } from '../report/explanation.ts';
import { leverParams } from '../report/sentences/first-wall.ts';
import { normalize } from '../params/params.ts';
import { DEFAULT_DRAWS, verdictCertainty } from '../model/certainty.ts';
import { runScenario } from '../model/run.ts';
import { loadScenario } from '../scenario/load.ts';
import { assertFinite } from '../io/finite.ts';
import { writeIntoFolder } from '../io/atomic/file.ts';
import { resolveOutPath } from '../io/atomic/out-path.ts';
import { resultJson } from '../report/result-file.ts';

const usage = `Usage: firstwall run <scenario.yaml> [--seed N] [--draws N] [--json] [--out DIR]
  Runs the scenario. For every step: what each wall's own resource permits (every other resource
  ample) and its headroom (permit / target; * marks a value below 1, <1e-3 one below the
  plausibility floor), what limits each wall's permit; then the achievable run with every
  constraint at once, its binding constraint and the others active (with elasticities); the
  buildouts ordered and landed and the events applied, step by step. Then the verdict, how certain
  it is over lead-time draws, why the first wall binds (its resource, lead times, the planner's
  orders, elasticities), and real-time inference against the speed of light.
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
    result.explanation = explanation(result, leverParams(normalize(loaded.scenario)));
    assertFinite(result, 'the result'); // the output boundary: nothing non-finite is printed or written
    const json = resultJson(result);
    if (out) writeIntoFolder(out, 'result.json', json);
    if (values.json) {
      io.stdout(json);
      return EXIT.ok;
    }
    io.stdout(runText(result));
    if (out) io.stdout(`Result written to ${join(out.shown, 'result.json')}\n`);
    return EXIT.ok;
  },
};
