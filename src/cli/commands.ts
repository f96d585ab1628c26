// The command registry: one line per command; each command lives in its own file.
import type { Command } from './command.ts';
import { calibrateCommand } from './calibrate.ts';
import { compareCommand } from './compare.ts';
import { mergeCommand } from './merge.ts';
import { netsimCommand } from './netsim.ts';
import { reportCommand } from './report.ts';
import { runCommand } from './run.ts';
import { sensitivityCommand } from './sensitivity.ts';
import { startCommand } from './start.ts';
import { stepCommand } from './step.ts';
import { sweepCommand } from './sweep.ts';
import { validateCommand } from './validate.ts';

export const commands: Command[] = [
  validateCommand,
  runCommand,
  reportCommand,
  compareCommand,
  sweepCommand,
  sensitivityCommand,
  mergeCommand,
  calibrateCommand,
  netsimCommand,
  stepCommand,
  startCommand,
];
