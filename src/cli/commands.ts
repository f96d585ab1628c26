// The command registry: one line per command; each command lives in its own file.
import type { Command } from './command.ts';
import { calibrateCommand } from './calibrate.ts';
import { netsimCommand } from './netsim.ts';
import { runCommand } from './run.ts';
import { startCommand } from './start.ts';
import { validateCommand } from './validate.ts';
import { sweepCommand } from './sweep.ts';
import { sensitivityCommand } from './sensitivity.ts';
import { mergeCommand } from './merge.ts';

export const commands: Command[] = [
  validateCommand,
  runCommand,
  calibrateCommand,
  netsimCommand,
  startCommand,
  sweepCommand,
  sensitivityCommand,
  mergeCommand,
];
