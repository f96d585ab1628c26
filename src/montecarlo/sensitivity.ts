// One-at-a-time sensitivity: each uncertain input swings from its p10 to its p90 while every other
// input stays at its nominal value, and the model runs with the scenario's seed (so only that input
// changes). Outcomes: the first-wall year (no wall within the horizon counts as end_year + 1) and
// the headroom at a chosen year (of one wall, or of the binding wall: the least over all walls).
import { runLoaded } from '../model/load-and-run.ts';
import type { RunResult } from '../result/types.ts';
import { WALLS, type Wall } from '../walls/registry.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import type { UncertainInput } from '../distributions/distribution.ts';
import { quantileOf } from '../distributions/quantile.ts';
import { substitute } from './sample.ts';

export interface Outcome {
  first_wall_year: number;
  headroom: number;
}

export interface SwingRow {
  pointer: string;
  p10: number;
  p90: number;
  at_p10: Outcome;
  at_p90: Outcome;
}

export interface OatResult {
  /** Year the headroom outcome is read at (the nearest step at or before it). */
  year: number;
  wall: Wall | 'binding';
  nominal: Outcome;
  rows: SwingRow[];
}

export function outcomeOf(r: RunResult, year: number, wall: Wall | 'binding'): Outcome {
  const steps = r.steps.filter((s) => s.year <= year + 1e-9);
  const step = steps[steps.length - 1] ?? r.steps[0];
  const headroom = wall === 'binding' ? step.achievable.headroom : step.walls[wall].headroom;
  return { first_wall_year: r.first_wall?.year ?? r.horizon.end_year + 1, headroom };
}

function runWith(loaded: LoadedScenario, inputs: UncertainInput[], values: Float64Array, label: string): RunResult {
  return runLoaded({ ...loaded, scenario: substitute(loaded, inputs, values, label) });
}

/** Tornado data: nominal outcome and each input's p10/p90 swing. */
export function oneAtATime(
  loaded: LoadedScenario,
  inputs: UncertainInput[],
  year: number,
  wall: Wall | 'binding',
): OatResult {
  const nominalValues = Float64Array.from(inputs, (d) => d.nominal);
  const nominal = outcomeOf(runWith(loaded, inputs, nominalValues, 'the nominal scenario'), year, wall);
  const rows = inputs.map((d, k) => {
    const swing = (u: number) => {
      const values = Float64Array.from(nominalValues);
      values[k] = quantileOf(d.spec, u);
      return {
        value: values[k],
        outcome: outcomeOf(
          runWith(loaded, inputs, values, `the p${Math.round(u * 100)} swing of ${d.pointer}`),
          year,
          wall,
        ),
      };
    };
    const lo = swing(0.1);
    const hi = swing(0.9);
    return { pointer: d.pointer, p10: lo.value, p90: hi.value, at_p10: lo.outcome, at_p90: hi.outcome };
  });
  return { year, wall, nominal, rows };
}
