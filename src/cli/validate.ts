// `firstwall validate <scenario.yaml>...`: checks scenarios and prints every problem at once,
// one line each as `file:line:col: message`. It checks everything `run` reads (the scenario, its
// bases, its fleet section and its calibration file), so a file that validates never fails later for an input
// reason. Exit 0 when all are valid, 2 otherwise.
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { InputError, UsageError } from '../io/errors.ts';
import { parseCommandArgs } from './options.ts';
import { loadScenario } from '../scenario/load.ts';
import { checkRunInputs } from '../model/run-inputs.ts';

const usage = `Usage: firstwall validate <scenario.yaml>... [--quiet]
  Checks each scenario (YAML syntax, the schema in schemas/scenario.schema.json, extends chains,
  consistency, step and review counts, and the calibration file it names) and prints every problem as file:line:col: message on stderr.
  Exit code 0 if every file is valid, 2 otherwise.

Example:
  firstwall validate scenarios/*.yaml
`;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check scenario files and print every problem as file:line:col',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { quiet: { type: 'boolean', short: 'q' } });
    if (positionals.length === 0) throw new UsageError('expected at least one scenario file');
    let failed = 0;
    for (const file of positionals) {
      try {
        const loaded = loadScenario(file, io.cwd);
        checkRunInputs(loaded, io.cwd); // what `run` reads next: one validation boundary
        if (!values.quiet)
          io.stdout(
            `${file}: ok (${loaded.scenario.name}${loaded.files.length > 1 ? `, extends ${loaded.files.slice(0, -1).join(' <- ')}` : ''})\n`,
          );
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        failed++;
        io.stderr(e.problems.join('\n') + '\n');
      }
    }
    return failed ? EXIT.badInput : EXIT.ok;
  },
};
