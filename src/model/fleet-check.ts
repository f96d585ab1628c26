// The fleet section as a run reads it (src/fleet/params.ts fills each region from its defaults and
// checks the world's regions together), checked when a scenario is validated, so `validate` and
// `run` refuse the same files and each problem is told at the scenario line it is about. The
// scenario loader cannot do this: the fleet's defaults live above it (test/architecture.test.ts).
// Invariant: a scenario this accepts normalizes its fleet without an error.
import { normalizeFleetSpec } from '../fleet/params.ts';
import { InputError } from '../io/errors.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { locate } from '../scenario/locate.ts';

/** The regions' shares are checked together: the message names the fields that are summed. */
const SUMMED = /accelerator shares sum to/;
const SHARES =
  '(/fleet/regions/*/accelerator_share/*/share at /fleet/regions/*/accelerator_share/*/year, or /fleet/regions/*/region_share)';

/** Where a fleet problem is: the region it names (its name's line), else the fleet section. */
function pathOf(loaded: LoadedScenario, problem: string): string[] {
  const fleet = loaded.scenario.fleet!;
  const named = /^fleet region "(.*?)"/.exec(problem)?.[1] ?? /region "(.*?)" is listed twice/.exec(problem)?.[1];
  const regions = fleet.regions ?? [];
  const i = named === undefined ? -1 : regions.map((r) => r.name).lastIndexOf(named);
  if (i >= 0) return ['fleet', 'regions', String(i), 'name'];
  if (regions.length) return ['fleet', 'regions'];
  return fleet.region !== undefined ? ['fleet', 'region'] : ['fleet'];
}

/** Throws InputError with positioned lines when the fleet section cannot be used. */
export function checkFleet(loaded: LoadedScenario): void {
  const fleet = loaded.scenario.fleet;
  if (!fleet) return;
  try {
    normalizeFleetSpec(fleet, loaded.scenario.horizon);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(
      e.problems.map((p) => {
        const path = pathOf(loaded, p);
        return `${locate(loaded.layers, path)}: /${path.join('/')}${SUMMED.test(p) ? ` ${SHARES}` : ''}: ${p}`;
      }),
    );
  }
}
