// Load a scenario file and run it: the library's, the CLI's and the reports' one route to "run this
// file". The run takes the scenario's workload route (src/model/workload-route.ts) unless told
// otherwise, exactly as runScenario does.
import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { runScenario, type RunOptions } from './run.ts';
import type { RunResult } from '../result/types.ts';

export function runLoaded(loaded: LoadedScenario, options: RunOptions = {}): RunResult {
  return runScenario(loaded, options);
}

export function loadAndRun(file: string, options: RunOptions = {}): RunResult {
  return runScenario(loadScenario(file, options.cwd), options);
}
