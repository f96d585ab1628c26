// The command registry: one line per command (name, one-line summary, and where its module is).
// A command's module is imported only when that command runs or prints its usage, so `--version`
// and `--help` load almost nothing. Invariant: each summary equals its command's own (tested).
import type { Command } from './command.ts';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const commands: CommandEntry[] = [
  {
    name: 'validate',
    summary: 'check scenario files and print every problem as file:line:col',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
  {
    name: 'run',
    summary: "run a scenario: every wall's headroom per step and the first wall",
    load: async () => (await import('./run.ts')).runCommand,
  },
  {
    name: 'report',
    summary: 'run a scenario and write an HTML report with charts and data',
    load: async () => (await import('./report.ts')).reportCommand,
  },
  {
    name: 'compare',
    summary: 'run scenarios and compare them side by side (terminal and report folder)',
    load: async () => (await import('./compare.ts')).compareCommand,
  },
  {
    name: 'explain',
    summary: 'what a what-if scenario changed against its base, input by input, and why',
    load: async () => (await import('./explain.ts')).explainCommand,
  },
  {
    name: 'sweep',
    summary: "Monte Carlo over the scenario's distributions: first-wall probabilities, quantiles",
    load: async () => (await import('./sweep.ts')).sweepCommand,
  },
  {
    name: 'sensitivity',
    summary: 'tornado of p10/p90 swings and rank correlations of each uncertain input',
    load: async () => (await import('./sensitivity.ts')).sensitivityCommand,
  },
  {
    name: 'merge',
    summary: 'combine sweep shard files into the result of the unsharded sweep',
    load: async () => (await import('./merge.ts')).mergeCommand,
  },
  {
    name: 'calibrate',
    summary: 'measure the micro-MoE and write the calibration the memory and network walls use',
    load: async () => (await import('./calibrate.ts')).calibrateCommand,
  },
  {
    name: 'train',
    summary: 'train the micro-MoE per balancing method and compare the routers (MaxVio, CV, drops, specialization)',
    load: async () => (await import('./train.ts')).trainCommand,
  },
  {
    name: 'netsim',
    summary: 'microsecond simulation of the MoE all-to-all and gradient all-reduce as flows',
    load: async () => (await import('./netsim.ts')).netsimCommand,
  },
  {
    name: 'step',
    summary: 'one training step: parallelism plan, step-time breakdown, memory per GPU, MFU',
    load: async () => (await import('./step.ts')).stepCommand,
  },
  {
    name: 'start',
    summary: 'the main job (npm start): compare baseline-2025 with buildout-2030 into reports/',
    load: async () => (await import('./start.ts')).startCommand,
  },
];
