// Which workload profile and network model a run uses. The default route is the one `firstwall run`
// takes: for an MoE family, the calibration the scenario names (path relative to the file that
// names it), the calibration shipped in the repo when it names none, and the flow simulation for
// the MoE all-to-all. `calibration: analytic` in the scenario, or `{ route: 'analytic' }` in the
// options, takes the analytic formulas and the closed-form network instead. A dense family has no
// router to calibrate: its route is analytic whatever the scenario names (and says so); a
// calibration it names is still read, so a bad path is still reported.
import { dirname, relative, resolve } from 'node:path';
import { simulatedStepComm } from '../datacenter/simulated-comm.ts';
import { InputError } from '../io/errors.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { locate } from '../scenario/locate.ts';
import { analyticProfile } from '../workload/analytic.ts';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  calibratedProfile,
  calibrationProblems,
  DEFAULT_CALIBRATION_PATH,
  scenarioCalibration,
  type Calibration,
} from '../workload/calibrated.ts';
import type { ModelShape } from '../moe/shape.ts';
import { normalize } from '../params/params.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import type { StepComm, StepCommInputs } from '../workload/step-comm.ts';

export interface WorkloadRoute {
  makeProfile: (shape: ModelShape) => WorkloadProfile;
  /** The step communication (AssessContext.stepComm: reads its inputs object, never keeps it, and
   * fills `out` when given). */
  stepComm?: (inputs: StepCommInputs, out?: StepComm) => StepComm;
  source: 'analytic' | 'calibration';
  calibration_file: string | null;
  network: 'closed_form' | 'simulated';
  /** The calibration read (its measured learned skew is reported beside the sourced one). */
  calibration?: Calibration | null;
}

/** Calibrations read this process, by absolute path, size and modification time (a run reads the
 * same file for every sample of a sweep). */
const cache = new Map<string, { key: string; calibration: Calibration }>();

function cachedCalibration(path: string | undefined, cwd: string): { calibration: Calibration; file: string } {
  const probe = path ?? fileURLToPath(DEFAULT_CALIBRATION_PATH);
  let key = '';
  try {
    const st = statSync(probe);
    key = `${st.size}:${st.mtimeMs}`;
  } catch {
    return scenarioCalibration(path, cwd); // let the loader report the problem
  }
  const hit = cache.get(probe);
  if (hit && hit.key === key) return { calibration: hit.calibration, file: probe };
  const loaded = scenarioCalibration(path, cwd);
  cache.set(probe, { key, calibration: loaded.calibration });
  return loaded;
}

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
    const { calibration, file } = cachedCalibration(path, cwd);
    return { calibration, file: relative(cwd, file) || file };
  } catch (e) {
    if (!(e instanceof InputError) || named === undefined) throw e;
    // point at the scenario line that names the file, then say what is wrong with it
    const where = locate(loaded.layers, ['calibration']);
    throw new InputError(calibrationProblems(where, named, e));
  }
}

export const ANALYTIC_ROUTE: WorkloadRoute = {
  makeProfile: analyticProfile,
  source: 'analytic',
  calibration_file: null,
  network: 'closed_form',
};

/** Does the scenario's family route tokens to experts (the family's catalog entry, then its own fields)? */
export function scenarioIsMoe(loaded: LoadedScenario): boolean {
  const m = normalize(loaded.scenario).model;
  return m.moe_layers > 0 && m.routed_experts > 0 && m.top_k > 0;
}

/** The route `firstwall run` takes for this scenario. */
export function scenarioRoute(loaded: LoadedScenario, cwd = process.cwd()): WorkloadRoute {
  if (!scenarioIsMoe(loaded)) {
    // a calibration named for a dense family is still checked (a bad path is a bad input), then unused
    if (loaded.scenario.calibration !== undefined) calibrationFor(loaded, cwd);
    return ANALYTIC_ROUTE;
  }
  const cal = calibrationFor(loaded, cwd);
  if (!cal) return { ...ANALYTIC_ROUTE, stepComm: simulatedStepComm, network: 'simulated' };
  return {
    makeProfile: (shape) => calibratedProfile(cal.calibration, shape, cal.file),
    stepComm: simulatedStepComm,
    source: 'calibration',
    calibration_file: cal.file,
    network: 'simulated',
    calibration: cal.calibration,
  };
}
