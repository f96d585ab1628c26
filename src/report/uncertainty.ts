// The Monte Carlo part of a run report, for scenarios with distributions (src/montecarlo/, issue 6):
// a sweep of N samples run in-process (the `sweep --workers 1` route: samples drawn from streams
// named by (seed, index), so the result is the one `firstwall sweep` gives for the same seed and
// N), aggregated into a SweepResult, and the one-at-a-time p10/p90 swings (`sensitivity`'s tornado)
// at the nominal first-wall year (else the horizon's end) for the binding wall.
// Invariant: deterministic in (scenario, seed, samples); nothing here reads the clock.
import { aggregate } from '../montecarlo/aggregate.ts';
import { oneAtATime, type OatResult } from '../montecarlo/sensitivity.ts';
import { runSweep, sweepInputs } from '../montecarlo/sweep.ts';
import type { SweepResult } from '../montecarlo/sweep-result.ts';
import type { RunResult } from '../result/types.ts';
import type { LoadedScenario } from '../scenario/load.ts';

/**
 * Samples a report's sweep draws by default. The first-wall probability's 95% Wilson half-width is
 * at most 1.96 x sqrt(0.25 / 500) = 4.4 percentage points (Wilson 1927), enough to rank the walls,
 * and 500 runs take a few seconds in one thread; `firstwall sweep` (default 1000) goes further.
 */
export const DEFAULT_REPORT_SAMPLES = 500;

export interface Uncertainty {
  sweep: SweepResult;
  /** The p10/p90 tornado; absent when the sweep was read from a file (it needs the scenario). */
  sensitivity?: OatResult;
}

export interface UncertaintySpec {
  /** The scenario file as given (recorded in sweep.json, as `firstwall sweep` does). */
  file: string;
  cwd: string;
  seed: number;
  samples: number;
}

/** The sweep and the tornado of a loaded scenario; null when it has no distributions or samples is 0. */
export async function runUncertainty(
  loaded: LoadedScenario,
  nominal: RunResult,
  spec: UncertaintySpec,
): Promise<Uncertainty | null> {
  const inputs = sweepInputs(loaded);
  if (!inputs.length || spec.samples <= 0) return null;
  const sweepSpec = { ...spec, modelSeed: 'per-sample' as const };
  const run = await runSweep(loaded, sweepSpec, [0, spec.samples], { workers: 1 });
  const sweep = aggregate(run.header, run.inputs, run.summaries);
  const year = nominal.first_wall?.year ?? nominal.horizon.end_year;
  return { sweep, sensitivity: oneAtATime(loaded, inputs, year, 'binding') };
}
