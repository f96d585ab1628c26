// Load a scenario file and run it with its workload profile: the calibration file it names (path
// relative to the scenario), the calibration shipped in the repo when it names none, or the
// analytic formulas with `calibration: analytic`. The network wall's all-to-all comes from the flow
// simulation. The library's, the CLI's and the reports' one route to "run this file".
import { dirname, relative, resolve } from 'node:path';
import { simulatedStepComm } from '../datacenter/simulated-comm.ts';
import { InputError } from '../io/errors.ts';
import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { locate } from '../scenario/locate.ts';
import {
  calibratedProfile,
  calibrationProblems,
  scenarioCalibration,
  type Calibration,
} from '../workload/calibrated.ts';
import { runScenario, type RunOptions } from './run.ts';
import type { RunResult } from '../result/types.ts';

/** The calibration a scenario uses, or null for `calibration: analytic`. */
export function calibrationFor(
  loaded: LoadedScenario,
  cwd = process.cwd(),
): { calibration: Calibration; file: string } | null {
  const named = loaded.scenario.calibration;
  if (named === 'analytic') return null;
  // relative to the file that names it (a base may sit in another folder than the what-if)
  const owner = [...loaded.layers]
    .reverse()
    .find((l) => (l.value as Record<string, unknown>).calibration !== undefined);
  const path = named === undefined ? undefined : resolve(dirname(resolve(cwd, owner?.file ?? loaded.file)), named);
  try {
    const { calibration, file } = scenarioCalibration(path, cwd);
    return { calibration, file: relative(cwd, file) || file };
  } catch (e) {
    if (!(e instanceof InputError) || named === undefined) throw e;
    // point at the scenario line that names the file, then say what is wrong with it
    const where = locate(loaded.layers, ['calibration']);
    throw new InputError(calibrationProblems(where, named, e));
  }
}

/** Run options that carry the scenario's workload profile and the simulated network. */
export function workloadOptions(loaded: LoadedScenario, cwd = process.cwd()): RunOptions {
  const cal = calibrationFor(loaded, cwd);
  const base: RunOptions = { stepComm: simulatedStepComm };
  if (!cal) return base;
  return {
    ...base,
    makeProfile: (shape) => calibratedProfile(cal.calibration, shape, cal.file),
    calibrationFile: cal.file,
  };
}

export function runLoaded(loaded: LoadedScenario, options: RunOptions & { cwd?: string } = {}): RunResult {
  return runScenario(loaded, { ...workloadOptions(loaded, options.cwd), ...options });
}

export function loadAndRun(file: string, options: RunOptions & { cwd?: string } = {}): RunResult {
  return runLoaded(loadScenario(file, options.cwd), options);
}
