// The analytic workload profile: the frontier shape's per-token FLOPs, HBM bytes and all-to-all
// bytes from the formulas of ../shared/reference/moe.md (as implemented in src/moe/formulas.ts),
// with a uniform router (no imbalance, no overflow). A calibration replaces the router factors
// with measured ones through the same interface (src/workload/calibrated.ts).
import { activeParams, totalParams } from '../moe/formulas.ts';
import { trainingPoint, UNIFORM_ROUTING } from './training-point.ts';
import type { RouterFactors, WorkloadProfile } from './profile.ts';
import type { ModelShape } from '../moe/shape.ts';

export const UNIFORM_ROUTER: RouterFactors = { imbalance: 1, load_cv: 0, overflow_fraction: 0, drop_fraction: 0 };

export function analyticProfile(shape: ModelShape): WorkloadProfile {
  return {
    source: 'analytic',
    shape,
    total_params: totalParams(shape),
    active_params: activeParams(shape),
    router: UNIFORM_ROUTER,
    at: (batch, placement) => trainingPoint(shape, batch, placement, UNIFORM_ROUTING),
  };
}
