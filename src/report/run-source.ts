// Where the report commands get their runs: load the scenario, run the wall model, and gather the
// chart inputs (key inputs, roofline from the hardware catalog). The only module that reaches the
// wall model (`runScenario` in src/model/run.ts) and the calibration; commands take a RunSource so tests can pass
// fixtures. Invariant: a RunSource is deterministic in (file, seed).
import type { RunResult } from '../model/result.ts';
import path from 'node:path';
import { runScenario } from '../model/run.ts';
import { scenarioCalibration, type Calibration } from '../workload/calibrated.ts';
import { rooflinePointsFromCalibration, routerLoadFromCalibration } from './calibration-inputs.ts';
import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { acceleratorsFromScenario, keyInputs, pointsFromResult, type KeyInput, type RooflineInput, type RouterLoadInput } from './inputs.ts';

export interface RunInputs {
  result: RunResult;
  keyInputs: KeyInput[];
  roofline?: RooflineInput;
  router?: RouterLoadInput;
}

export type RunSource = (file: string, cwd: string, seed: number | undefined) => Promise<RunInputs>;

/** The calibration the scenario names (relative to the scenario file), else the one shipped in the repo. */
function calibrationFor(loaded: LoadedScenario, cwd: string): { calibration: Calibration; file: string } {
  const named = loaded.scenario.calibration;
  return scenarioCalibration(named === undefined ? undefined : path.resolve(cwd, path.dirname(loaded.file), named));
}

export const modelRunSource: RunSource = async (file, cwd, seed) => {
  const loaded = loadScenario(file, cwd);
  const result = runScenario(loaded, seed === undefined ? {} : { seed });
  const batch = loaded.scenario.model?.micro_batch_tokens_per_gpu ?? 0;
  const { calibration } = calibrationFor(loaded, cwd);
  const points = [...rooflinePointsFromCalibration(calibration), ...pointsFromResult(result, batch)];
  return {
    result,
    keyInputs: keyInputs(loaded.scenario),
    roofline: { accelerators: acceleratorsFromScenario(loaded.scenario), points },
    router: routerLoadFromCalibration(calibration),
  };
};
