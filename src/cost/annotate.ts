// The one post-processing step of runScenario: adds cost, inference siting and (when the scenario
// has a `fleet:` section) the regional fleet to each step, and the fleet's yearly series to the run.
// Reads the steps and parameters only; the walls are not changed.
//
//   scenario cost/inference/fleet sections -> normalize (defaults applied on load)
//   -> per step: run + fleet cost, real-time inference servable vs needed, fleet row at that year
//
// A step's annotation reads that step and the parameters alone, so runScenario annotates each step
// as it is assessed (StepAnnotator), while its objects are still in the processor's caches: done
// after the run, every step's objects were fetched from memory again (about half the annotation's
// time was the first read of a step and its sites).
import type { Params } from '../params/params.ts';
import type { StepResult } from '../result/types.ts';
import type { ResolvedScenario } from '../scenario/resolved.gen.ts';
import { fleetResult, specYear } from '../fleet/world.ts';
import type { FleetResult } from '../result/fleet-types.ts';
import { normalizeFleetSpec, type FleetSpec } from '../fleet/params.ts';
import { normalizeInference, stepInference, type InferenceParams } from './inference-step.ts';
import { normalizeCost, type CostParams } from './params.ts';
import { stepCost } from './step-cost.ts';

/** One run's annotation: the sections normalized once, then each step annotated in turn. */
export class StepAnnotator {
  private readonly c: CostParams;
  private readonly ip: InferenceParams;
  private readonly f: FleetSpec | null;
  constructor(
    private readonly p: Params,
    scenario: ResolvedScenario,
  ) {
    this.c = normalizeCost(scenario.cost, p);
    this.ip = normalizeInference(scenario.inference, p);
    this.f = scenario.fleet ? normalizeFleetSpec(scenario.fleet, p.horizon) : null;
  }

  /** Adds the step's cost, inference and fleet row (in that key order). */
  annotate(s: StepResult): void {
    s.cost = stepCost(s, this.p, this.c);
    s.inference = stepInference(s, this.p, this.ip);
    if (this.f) s.fleet = specYear(this.f, s.year);
  }

  /** What the run adds beside its steps: the fleet's yearly series, when the scenario has a fleet. */
  extra(): { fleet?: FleetResult } {
    return this.f ? { fleet: fleetResult(this.f) } : {};
  }
}

export function annotateSteps(steps: StepResult[], p: Params, scenario: ResolvedScenario): { fleet?: FleetResult } {
  const a = new StepAnnotator(p, scenario);
  for (const s of steps) a.annotate(s);
  return a.extra();
}
