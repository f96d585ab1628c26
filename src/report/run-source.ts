// Where the report commands get their runs: load the scenario, run the wall model, and gather the
// chart inputs (key inputs, roofline from the hardware catalog, and, when asked for and the
// scenario has distributions, the Monte Carlo sweep and tornado). The only module that reaches the
// wall model (through src/model/load-and-run.ts, as `run` does), the calibration and the sweep;
// commands take a RunSource so tests can pass fixtures.
// Invariant: a RunSource is deterministic in (file, seed, options).
import type { RunResult } from '../result/types.ts';
import { runLoaded } from '../model/load-and-run.ts';
import { calibrationFor, scenarioIsMoe } from '../model/workload-route.ts';
import {
  imbalanceCurveFromCalibration,
  rooflinePointsFromCalibration,
  routerLoadFromCalibration,
} from './calibration-inputs.ts';
import type { ImbalanceCurveInput } from '../charts/imbalance-tokens.ts';
import { loadScenario } from '../scenario/load.ts';
import {
  acceleratorsFromScenario,
  keyInputs,
  pointsFromResult,
  type KeyInput,
  type RooflineInput,
  type RouterLoadInput,
} from '../charts/inputs.ts';
import { runUncertainty, type Uncertainty } from './uncertainty.ts';
import { explanation } from './explanation.ts';
import { leverParams } from './sentences/first-wall.ts';
import { normalize } from '../params/params.ts';

export interface RunInputs {
  result: RunResult;
  keyInputs: KeyInput[];
  roofline?: RooflineInput;
  router?: RouterLoadInput;
  /** MoE families: router imbalance against tokens per rank (measured, chance, the law). */
  imbalance?: ImbalanceCurveInput;
  uncertainty?: Uncertainty;
}

export interface SourceOptions {
  /** Monte Carlo samples for a scenario with distributions; absent or 0: no sweep (compare runs none). */
  samples?: number;
}

export type RunSource = (
  file: string,
  cwd: string,
  seed: number | undefined,
  options?: SourceOptions,
) => Promise<RunInputs>;

export const modelRunSource: RunSource = async (file, cwd, seed, options = {}) => {
  const loaded = loadScenario(file, cwd);
  const result = runLoaded(loaded, seed === undefined ? { cwd } : { seed, cwd });
  // the words with the scenario's lead times and supplies, as `run` attaches them
  result.explanation = explanation(result, leverParams(normalize(loaded.scenario)));
  const batch = loaded.scenario.model?.micro_batch_tokens_per_gpu ?? 0;
  // a dense family has no router: no calibration, router or imbalance charts
  const cal = scenarioIsMoe(loaded) ? calibrationFor(loaded, cwd) : null;
  const learned = result.workload.router?.learned_skew;
  const points = [...(cal ? rooflinePointsFromCalibration(cal.calibration) : []), ...pointsFromResult(result, batch)];
  // the sweep seed as `firstwall sweep` picks it: --seed, else the scenario's, else 1
  const uncertainty = await runUncertainty(loaded, result, {
    file,
    cwd,
    seed: seed ?? loaded.scenario.seed ?? 1,
    samples: options.samples ?? 0,
  });
  return {
    result,
    keyInputs: keyInputs(loaded.scenario),
    roofline: { accelerators: acceleratorsFromScenario(loaded.scenario), points },
    router: cal ? routerLoadFromCalibration(cal.calibration) : undefined,
    imbalance:
      cal && learned
        ? imbalanceCurveFromCalibration(cal.calibration, learned, result.workload.router!.tokens_per_rank)
        : undefined,
    ...(uncertainty ? { uncertainty } : {}),
  };
};
