// `npm start`: the main job. Compares the default 2025 fleet with the 2030 buildout, prints the
// first wall of each side by side, and writes the comparison report under reports/.
import type { Command } from './command.ts';
import { compareCommand, DEFAULT_COMPARE, DEFAULT_COMPARE_OUT } from './compare.ts';
import { parseCommandArgs } from './options.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'the main job (npm start): compare baseline-2025 with buildout-2030 into reports/',
  usage: `Usage: firstwall start\n  Same as: firstwall compare ${DEFAULT_COMPARE.join(' ')} --out ${DEFAULT_COMPARE_OUT}\n`,
  async run(args, io) {
    parseCommandArgs(args, {});
    return compareCommand.run([...DEFAULT_COMPARE, '--out', DEFAULT_COMPARE_OUT], io);
  },
};
