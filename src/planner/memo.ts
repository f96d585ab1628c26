// What the planner keeps between the reviews of one run: the projected runs by time and the cohorts
// still in service. src/model/run.ts makes one per run and lets it go when the run ends (a
// module-level memo would keep every finished run alive). Every review without one computes the
// same figures from the world alone.
import { LiveCohorts } from './live-cohorts.ts';
import type { Projections } from './projection.ts';

export interface PlannerMemo {
  projections: Projections;
  live: LiveCohorts;
}

export function plannerMemo(): PlannerMemo {
  return { projections: new Map(), live: new LiveCohorts() };
}
