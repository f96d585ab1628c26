// `npm start`: the main job on the default scenario. Until the wall model lands it validates the
// default scenarios and says so; the model and report issues replace this with a full run.
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { parseCommandArgs } from './options.ts';
import { loadScenario } from '../scenario/load.ts';

export const DEFAULT_SCENARIO = 'scenarios/baseline-2025.yaml';

export const startCommand: Command = {
  name: 'start',
  summary: 'the main job on the default scenario (what `npm start` runs)',
  usage: `Usage: firstwall start\n  Loads ${DEFAULT_SCENARIO} and reports on it.\n`,
  async run(args, io) {
    parseCommandArgs(args, {});
    const loaded = loadScenario(DEFAULT_SCENARIO, io.cwd);
    io.stdout(`${DEFAULT_SCENARIO}: valid (${loaded.scenario.name}, sha256 ${loaded.hash.slice(0, 12)})\n`);
    return EXIT.ok;
  },
};
