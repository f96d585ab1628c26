// The command registry: one line per command; each command lives in its own file.
import type { Command } from './command.ts';
import { calibrateCommand } from './calibrate.ts';

export const commands: Command[] = [
  calibrateCommand,
];
