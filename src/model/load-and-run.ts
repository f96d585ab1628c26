// Load a scenario file and run it with its workload profile (analytic, or the calibration file it
// names). The library's and the CLI's one entry point for "run this file".
import { loadScenario } from '../scenario/load.ts';
import { runScenario, type RunOptions } from './run.ts';
import type { RunResult } from './result.ts';

export function loadAndRun(file: string, options: RunOptions & { cwd?: string } = {}): RunResult {
  const loaded = loadScenario(file, options.cwd);
  return runScenario(loaded, options);
}
