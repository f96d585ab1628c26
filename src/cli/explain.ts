// `firstwall explain <base.yaml> <what-if.yaml>`: the inputs a what-if changes against its base and
// what each did to the first wall, its year and every wall's headroom (one at a time, all together,
// and the interaction), on common random numbers; and why, in words, when nothing changed.
// A thin layer over src/report/explain/.
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseIntOption, parseNumberList, parseSeed } from './options.ts';
import { loadScenario } from '../scenario/load.ts';
import { explain } from '../report/explain/explain.ts';
import { explanationText } from '../report/explain/text.ts';
import { assertFinite } from '../io/finite.ts';

/** Draws per variant by default: the scenario's seed and 3 more (a variant costs one run per draw). */
export const DEFAULT_EXPLAIN_DRAWS = 4;

const usage = `Usage: firstwall explain <base.yaml> <what-if.yaml> [--years Y1,Y2] [--draws N] [--seed N] [--json]
  Lists the inputs the two scenarios differ in (after extends and defaults), then runs the base,
  the base with each of those inputs alone taken from the what-if, and the what-if, every one on
  the same seeds (common random numbers: lead-time draws add no noise), and attributes the change
  in the first wall, its year and each wall's headroom at the chosen years to the inputs: one at a
  time, all together, and the interaction remainder (all together minus the sum of the single
  effects). When nothing changes it says why (e.g. orders a lead time delays land after the
  crossing under both).
  --years  years to attribute headrooms at (default: the first-wall years of both scenarios)
  --draws  seeds per variant (default ${DEFAULT_EXPLAIN_DRAWS}): the scenario's seed, then common-random-number draws
  --seed   the seed to start from (default: the base scenario's)
  --json   the explanation as JSON on stdout

Example:
  firstwall explain scenarios/baseline-2025.yaml scenarios/liquid-cooling-delay.yaml
`;

export const explainCommand: Command = {
  name: 'explain',
  summary: 'what a what-if scenario changed against its base, input by input, and why',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      years: { type: 'string' },
      draws: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 2) throw new UsageError('expected two scenario files: the base and the what-if');
    const draws = parseIntOption('draws', values.draws, DEFAULT_EXPLAIN_DRAWS, 1, 1000);
    const seed = parseSeed(values.seed);
    const years = values.years === undefined ? undefined : parseNumberList('years', values.years, []);
    if (years !== undefined && years.length === 0) throw new UsageError('--years must name at least one year');
    const [base, whatIf] = positionals.map((f) => loadScenario(f, io.cwd));
    const x = explain(base, whatIf, { cwd: io.cwd, draws, seed, years });
    assertFinite(x, 'the explanation'); // the output boundary
    io.stdout(values.json ? JSON.stringify(x, null, 2) + '\n' : explanationText(x));
    return EXIT.ok;
  },
};
