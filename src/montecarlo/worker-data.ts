// What the main thread hands each sweep worker once, at start-up: the spec, the parsed and
// validated scenario, and the workload route as data (its calibration included). A worker then
// neither re-reads the scenario nor compiles the scenario or calibration schemas (ajv: hundreds of
// CPU ms per thread) nor re-resolves the calibration; it only re-attaches the route's functions.
// Invariant: routeFrom(routeData(r)) runs every sample exactly as r does (test/montecarlo/pool.test.ts).
import { simulatedStepComm } from '../datacenter/simulated-comm.ts';
import type { WorkloadRoute } from '../model/workload-route.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { analyticProfile } from '../workload/analytic.ts';
import { calibratedProfile } from '../workload/calibrated.ts';
import type { SweepContext } from './run-samples.ts';

/** A workload route without its functions (structured-cloneable). */
export type RouteData = Omit<WorkloadRoute, 'makeProfile' | 'stepComm'>;

export interface WorkerData {
  spec: SweepContext['spec'];
  loaded: Pick<LoadedScenario, 'file' | 'files' | 'scenario' | 'hash' | 'distributions'>;
  route: RouteData;
}

/** The route as data; throws for a route the scenario route resolver could not have made. */
export function routeData(r: WorkloadRoute): RouteData {
  const expectedProfile = r.source === 'analytic' ? analyticProfile : undefined;
  const expectedComm = r.network === 'simulated' ? simulatedStepComm : undefined;
  if ((expectedProfile && r.makeProfile !== expectedProfile) || r.stepComm !== expectedComm)
    throw new Error('sweep workers run only the scenario workload routes (analytic or calibration)');
  const { makeProfile: _p, stepComm: _c, ...data } = r;
  return data;
}

/** The route `routeData` described, functions re-attached (as scenarioRoute builds them). */
export function routeFrom(d: RouteData): WorkloadRoute {
  const cal = d.calibration;
  const makeProfile: WorkloadRoute['makeProfile'] =
    d.source === 'calibration' && cal
      ? (shape) => calibratedProfile(cal, shape, d.calibration_file ?? undefined)
      : analyticProfile;
  return { makeProfile, ...(d.network === 'simulated' ? { stepComm: simulatedStepComm } : {}), ...d };
}

export function toWorkerData(ctx: SweepContext): WorkerData {
  const { file, files, scenario, hash, distributions } = ctx.loaded;
  return {
    spec: ctx.spec,
    loaded: { file, files, scenario, hash, ...(distributions ? { distributions } : {}) },
    route: routeData(ctx.route),
  };
}

/** The worker's context: `raw` and `layers` (used only to load and to locate) stay behind. */
export function fromWorkerData(d: WorkerData): SweepContext {
  return { spec: d.spec, loaded: { ...d.loaded, raw: {}, layers: [] }, route: routeFrom(d.route) };
}
