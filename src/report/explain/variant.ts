// A variant for attribution: the base scenario with some of the what-if's inputs (by pointer), checked
// as a scenario file would be (schema, then consistency), so an input that cannot stand alone (an
// event naming a site only the what-if has) is reported instead of run. The calibration the variant
// uses is the one of the scenario its `/calibration` comes from (paths resolve against that file).
// Invariant: the base and what-if are not changed.
import { createHash } from 'node:crypto';
import { checkConsistency } from '../../scenario/consistency.ts';
import { canonicalJson, type LoadedScenario, type Scenario } from '../../scenario/load.ts';
import { scenarioValidator } from '../../scenario/schema.ts';
import { scenarioRoute, type WorkloadRoute } from '../../model/workload-route.ts';
import { withValue, type InputDiff } from './diff.ts';

export type Variant = { loaded: LoadedScenario; route: WorkloadRoute } | { problem: string };

export function makeVariant(
  base: LoadedScenario,
  whatIf: LoadedScenario,
  taken: InputDiff[],
  routes: { base: WorkloadRoute; what_if: WorkloadRoute },
): Variant {
  let doc = base.scenario as unknown as Record<string, unknown>;
  for (const d of taken) doc = withValue(doc, d.pointer, d.what_if);
  const validate = scenarioValidator();
  if (!validate(doc)) {
    const e = validate.errors?.[0];
    return { problem: `${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}` };
  }
  const scenario = doc as unknown as Scenario;
  const bad = checkConsistency(scenario)[0];
  if (bad) return { problem: `/${bad.path.join('/')}: ${bad.message}` };
  const hash = createHash('sha256').update(canonicalJson(scenario)).digest('hex');
  const calibrationFromWhatIf = taken.some((d) => d.pointer === '/calibration');
  return {
    loaded: { ...base, scenario, hash, raw: doc },
    route: calibrationFromWhatIf ? routes.what_if : routes.base,
  };
}

/** The workload routes of both scenarios, resolved once (a calibration file is read once). */
export function bothRoutes(base: LoadedScenario, whatIf: LoadedScenario, cwd: string) {
  return { base: scenarioRoute(base, cwd), what_if: scenarioRoute(whatIf, cwd) };
}
