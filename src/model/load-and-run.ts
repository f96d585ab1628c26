// Load a scenario file and run it with its workload profile: the calibration file it names (path
// relative to the scenario), the calibration shipped in the repo when it names none, or the
// analytic formulas with `calibration: analytic`. The library's and the CLI's "run this file".
import { dirname, relative, resolve } from 'node:path';
import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { calibratedProfile, scenarioCalibration } from '../workload/calibrated.ts';
import { runScenario, type RunOptions } from './run.ts';
import type { RunResult } from './result.ts';

/** Run options that carry the scenario's workload profile. */
export function workloadOptions(loaded: LoadedScenario, cwd = process.cwd()): RunOptions {
  const named = loaded.scenario.calibration;
  if (named === 'analytic') return {};
  const path = named === undefined ? undefined : resolve(dirname(resolve(cwd, loaded.files[loaded.files.length - 1])), named);
  const { calibration, file } = scenarioCalibration(path);
  const shown = relative(cwd, file) || file;
  return { makeProfile: (shape) => calibratedProfile(calibration, shape, shown), calibrationFile: shown };
}

export function loadAndRun(file: string, options: RunOptions & { cwd?: string } = {}): RunResult {
  const loaded = loadScenario(file, options.cwd);
  return runScenario(loaded, { ...workloadOptions(loaded, options.cwd), ...options });
}
