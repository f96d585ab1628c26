// A sweep, from a loaded scenario to per-sample summaries:
//
//   spec (file, seed, samples, model-seed mode) -> header (years, provenance)
//   -> run samples [start, end) in-process or on workers -> summaries (index-keyed)
//
// The header is what every shard of the same sweep shares; `aggregate` turns summaries into the
// result. Horizon and seed must be fixed (every sample needs the same steps to be comparable).
import { UsageError } from '../io/errors.ts';
import { normalize } from '../params/params.ts';
import { stepTimes } from '../model/run.ts';
import type { LoadedScenario } from '../scenario/load.ts';
import { firstwallVersion } from '../io/version.ts';
import type { UncertainInput } from '../distributions/distribution.ts';
import { runSamples, type PoolOptions } from './pool.ts';
import type { SweepSpec } from './run-samples.ts';
import type { SampleSummary } from './summary.ts';
import type { SweepHeader } from './sweep-result.ts';

const FIXED = ['/horizon', '/seed'];

export function sweepInputs(loaded: LoadedScenario): UncertainInput[] {
  const inputs = loaded.distributions ?? [];
  const fixed = inputs.filter((d) => FIXED.some((f) => d.pointer === f || d.pointer.startsWith(f + '/')));
  if (fixed.length)
    throw new UsageError(
      `${fixed[0].where}: ${fixed[0].pointer} cannot be uncertain in a sweep (every sample needs the same horizon and seed)`,
    );
  return inputs;
}

export function sweepHeader(loaded: LoadedScenario, spec: SweepSpec): SweepHeader {
  const p = normalize(loaded.scenario);
  return {
    firstwall_version: firstwallVersion(),
    scenario: { name: p.name, file: spec.file, hash: loaded.hash },
    seed: spec.seed,
    samples: spec.samples,
    model_seed: spec.modelSeed,
    years: stepTimes(p),
    end_year: p.horizon.end_year,
  };
}

export interface SweepRun {
  header: SweepHeader;
  inputs: UncertainInput[];
  summaries: SampleSummary[];
}

/** Runs samples [start, end) of the sweep `spec` describes. */
export async function runSweep(
  loaded: LoadedScenario,
  spec: SweepSpec,
  range: [number, number],
  pool: PoolOptions,
): Promise<SweepRun> {
  const inputs = sweepInputs(loaded);
  const header = sweepHeader(loaded, spec);
  const summaries = await runSamples(spec, range[0], range[1], pool, loaded);
  return { header, inputs, summaries };
}
