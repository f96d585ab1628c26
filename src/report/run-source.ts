// Where the report commands get their runs: load the scenario, run the wall model, and gather the
// chart inputs (key inputs, roofline from the hardware catalog). The only module that reaches the
// wall model (`runScenario` in src/model/run.ts); commands take a RunSource so tests can pass
// fixtures. Invariant: a RunSource is deterministic in (file, seed).
import type { RunResult } from '../model/result.ts';
import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { acceleratorsFromScenario, keyInputs, pointsFromResult, type KeyInput, type RooflineInput, type RouterLoadInput } from './inputs.ts';

export interface RunInputs {
  result: RunResult;
  keyInputs: KeyInput[];
  roofline?: RooflineInput;
  router?: RouterLoadInput;
}

export type RunSource = (file: string, cwd: string, seed: number | undefined) => Promise<RunInputs>;

type RunScenario = (loaded: LoadedScenario, options?: { seed?: number }) => RunResult;

/**
 * The wall model, loaded on first use. The specifier is a variable so this branch compiles before
 * src/model/run.ts exists; once it is on main, a static `import { runScenario } from
 * '../model/run.ts'` can replace this function.
 */
const MODEL_MODULE = '../model/run.ts';
async function loadModel(): Promise<RunScenario> {
  try {
    const mod = (await import(MODEL_MODULE)) as { runScenario?: RunScenario };
    if (typeof mod.runScenario === 'function') return mod.runScenario;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
  throw new Error('the wall model (src/model/run.ts, runScenario) is not available in this build');
}

/**
 * Router load from a micro-MoE calibration. The calibration format (schemas/calibration.schema.json)
 * is being finalized; until it is adapted here, reports say the router chart needs a calibration.
 */
export function routerFromCalibration(_loaded: LoadedScenario): RouterLoadInput | undefined {
  return undefined;
}

export const modelRunSource: RunSource = async (file, cwd, seed) => {
  const loaded = loadScenario(file, cwd);
  const runScenario = await loadModel();
  const result = runScenario(loaded, seed === undefined ? {} : { seed });
  const batch = loaded.scenario.model?.micro_batch_tokens_per_gpu ?? 0;
  return {
    result,
    keyInputs: keyInputs(loaded.scenario),
    roofline: { accelerators: acceleratorsFromScenario(loaded.scenario), points: pointsFromResult(result, batch) },
    router: routerFromCalibration(loaded),
  };
};
