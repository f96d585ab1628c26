// Everything a run reads beyond the scenario's own checks (src/scenario/load.ts): the fleet section
// as the fleet model fills it and the calibration file the workload route loads. `validate` calls
// this after loading, so a file that validates never fails later for an input reason.
import type { LoadedScenario } from '../scenario/load.ts';
import { checkFleet } from './fleet-check.ts';
import { calibrationFor } from './workload-route.ts';

/** Throws InputError (positioned) when the run of `loaded` would fail for an input reason. */
export function checkRunInputs(loaded: LoadedScenario, cwd: string): void {
  checkFleet(loaded);
  calibrationFor(loaded, cwd);
}
