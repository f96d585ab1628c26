// Where the report commands get their runs: load the scenario, run the wall model, and gather the
// chart inputs (key inputs, roofline from the hardware catalog). The only module that reaches the
// wall model (`runScenario` in src/model/run.ts); commands take a RunSource so tests can pass
// fixtures. Invariant: a RunSource is deterministic in (file, seed).
import type { RunResult } from '../model/result.ts';
import { runScenario } from '../model/run.ts';
import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { acceleratorsFromScenario, keyInputs, pointsFromResult, type KeyInput, type RooflineInput, type RouterLoadInput } from './inputs.ts';

export interface RunInputs {
  result: RunResult;
  keyInputs: KeyInput[];
  roofline?: RooflineInput;
  router?: RouterLoadInput;
}

export type RunSource = (file: string, cwd: string, seed: number | undefined) => Promise<RunInputs>;

/**
 * Router load from a micro-MoE calibration. The calibration format (schemas/calibration.schema.json)
 * is being finalized; until it is adapted here, reports say the router chart needs a calibration.
 */
export function routerFromCalibration(_loaded: LoadedScenario): RouterLoadInput | undefined {
  return undefined;
}

export const modelRunSource: RunSource = async (file, cwd, seed) => {
  const loaded = loadScenario(file, cwd);
  const result = runScenario(loaded, seed === undefined ? {} : { seed });
  const batch = loaded.scenario.model?.micro_batch_tokens_per_gpu ?? 0;
  return {
    result,
    keyInputs: keyInputs(loaded.scenario),
    roofline: { accelerators: acceleratorsFromScenario(loaded.scenario), points: pointsFromResult(result, batch) },
    router: routerFromCalibration(loaded),
  };
};
