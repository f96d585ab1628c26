// Report inputs read from files instead of a model run: a result file (`report --from`), and a
// sweep file to go with it or with a run (`--sweep`), checked to be of the same scenario.
// Without the scenario there are no key inputs, roofline or router charts, and no tornado.
import { InputError } from '../io/errors.ts';
import type { SweepResult } from '../montecarlo/sweep-result.ts';
import type { RunResult } from '../result/types.ts';
import { readResultFile } from './result-file.ts';
import type { RunInputs } from './run-source.ts';

/** Refuses a sweep of another scenario than the result's (compared by the scenario's hash). */
export function checkSameScenario(result: RunResult, sweep: SweepResult, sweepFile: string): void {
  if (sweep.scenario.hash === result.scenario.hash) return;
  throw new InputError([
    `${sweepFile}:1:1: the sweep is of scenario "${sweep.scenario.name}" (hash ${sweep.scenario.hash.slice(0, 12)}), ` +
      `the result of "${result.scenario.name}" (hash ${result.scenario.hash.slice(0, 12)}): a report needs both of one scenario`,
  ]);
}

/** The inputs of a run report from a result file, with a sweep's uncertainty when given. */
export function fileRunInputs(
  resultFile: string,
  cwd: string,
  sweep?: { sweep: SweepResult; file: string },
): RunInputs {
  const result = readResultFile(resultFile, cwd);
  if (!sweep) return { result, keyInputs: [] };
  checkSameScenario(result, sweep.sweep, sweep.file);
  return { result, keyInputs: [], uncertainty: { sweep: sweep.sweep } };
}
