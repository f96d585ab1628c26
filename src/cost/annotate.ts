// The one post-processing call from runScenario: adds cost, inference siting and (when the
// scenario has a `fleet:` section) the regional fleet to each step, and the fleet's yearly series
// to the run. Reads the steps and parameters only; the walls are not changed.
//
//   scenario cost/inference/fleet sections -> normalize (defaults applied on load)
//   -> per step: run + fleet cost, real-time inference servable vs needed, fleet row at that year
import type { Params } from '../params/params.ts';
import type { StepResult } from '../result/types.ts';
import type { ResolvedScenario } from '../scenario/resolved.gen.ts';
import { fleetResult, specYear } from '../fleet/world.ts';
import type { FleetResult } from '../result/fleet-types.ts';
import { normalizeFleetSpec, type FleetSpec } from '../fleet/params.ts';
import { normalizeInference, stepInference } from './inference-step.ts';
import { normalizeCost } from './params.ts';
import { stepCost } from './step-cost.ts';

export function annotateSteps(steps: StepResult[], p: Params, scenario: ResolvedScenario): { fleet?: FleetResult } {
  const c = normalizeCost(scenario.cost, p);
  const ip = normalizeInference(scenario.inference, p);
  const f: FleetSpec | null = scenario.fleet ? normalizeFleetSpec(scenario.fleet, p.horizon) : null;
  for (const s of steps) {
    s.cost = stepCost(s, p, c);
    s.inference = stepInference(s, p, ip);
    if (f) s.fleet = specYear(f, s.year);
  }
  return f ? { fleet: fleetResult(f) } : {};
}
