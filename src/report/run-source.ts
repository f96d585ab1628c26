// Where the report commands get their runs: load the scenario, run the wall model, and gather the
// chart inputs (key inputs, roofline from the hardware catalog). The only module that reaches the
// wall model (through src/model/load-and-run.ts, as `run` does) and the calibration; commands take a RunSource so tests can pass
// fixtures. Invariant: a RunSource is deterministic in (file, seed).
import type { RunResult } from '../model/result.ts';
import { calibrationFor, runLoaded } from '../model/load-and-run.ts';
import { rooflinePointsFromCalibration, routerLoadFromCalibration } from './calibration-inputs.ts';
import { loadScenario } from '../scenario/load.ts';
import { acceleratorsFromScenario, keyInputs, pointsFromResult, type KeyInput, type RooflineInput, type RouterLoadInput } from './inputs.ts';

export interface RunInputs {
  result: RunResult;
  keyInputs: KeyInput[];
  roofline?: RooflineInput;
  router?: RouterLoadInput;
}

export type RunSource = (file: string, cwd: string, seed: number | undefined) => Promise<RunInputs>;

export const modelRunSource: RunSource = async (file, cwd, seed) => {
  const loaded = loadScenario(file, cwd);
  const result = runLoaded(loaded, seed === undefined ? { cwd } : { seed, cwd });
  const batch = loaded.scenario.model?.micro_batch_tokens_per_gpu ?? 0;
  const cal = calibrationFor(loaded, cwd);
  const points = [...(cal ? rooflinePointsFromCalibration(cal.calibration) : []), ...pointsFromResult(result, batch)];
  return {
    result,
    keyInputs: keyInputs(loaded.scenario),
    roofline: { accelerators: acceleratorsFromScenario(loaded.scenario), points },
    router: cal ? routerLoadFromCalibration(cal.calibration) : undefined,
  };
};
