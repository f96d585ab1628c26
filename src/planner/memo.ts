// What the planner keeps between the reviews of one run: the projected runs by time and the cohorts
// still in service. src/model/run.ts makes one per run and lets it go when the run ends (a
// module-level memo would keep every finished run alive). Every review without one computes the
// same figures from the world alone.
import { LiveCohorts } from './live-cohorts.ts';
import { Projections } from './projections.ts';
import type { Precision } from '../params/params.ts';

/** The work MFU and precision the first step will see (src/planner/projection.ts firstLook). */
export interface FirstLook {
  mfu: number;
  precision: Precision;
}

export interface PlannerMemo {
  projections: Projections;
  live: LiveCohorts;
  /** The first look found in the current review (null until asked; each review clears it, as the
   * world may have changed since the last). */
  first_look: FirstLook | null;
}

export function plannerMemo(): PlannerMemo {
  return { projections: new Projections(), live: new LiveCohorts(), first_look: null };
}
