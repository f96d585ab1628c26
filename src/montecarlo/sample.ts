// Sample i of a sweep: the scenario with every uncertain input replaced by a drawn value, and the
// model seed that sample runs with. Every draw comes from a stream named by (seed, i, pointer), so
// sample i is the same whichever worker, shard or order computes it.
// Invariant: a sampled scenario passes the scenario schema and consistency checks, or sampling
// throws InputError naming the sample and the distribution (sampled values are never clamped).
import { InputError } from '../io/errors.ts';
import { RandomStreams } from '../engine/rng.ts';
import { checkConsistency } from '../scenario/consistency.ts';
import type { LoadedScenario, Scenario } from '../scenario/load.ts';
import { scenarioValidator } from '../scenario/schema.ts';
import type { UncertainInput } from '../distributions/distribution.ts';
import { mcMsg } from './messages.ts';
import { quantileOf } from '../distributions/quantile.ts';

/** How each sample seeds the model's own randomness (planner lead times, shocks). */
export const MODEL_SEEDS = ['per-sample', 'scenario'] as const;
export type ModelSeedMode = (typeof MODEL_SEEDS)[number];
export function isModelSeedMode(x: unknown): x is ModelSeedMode {
  return typeof x === 'string' && (MODEL_SEEDS as readonly string[]).includes(x);
}

const MAX_SEED = 4294967295; // the scenario schema's /seed maximum (2^32 - 1)

/** The model seed of sample `index`: derived from (seed, index), or the sweep seed itself. */
export function sampleModelSeed(seed: number, index: number, mode: ModelSeedMode): number {
  return modelSeedFrom(seed, new RandomStreams(seed).forSample(index), mode);
}

/** Sample `index`'s draws: the values of `inputs` (in input order) and its model seed, from one
 * set of its streams (named streams are independent, so sharing the set changes no value; a
 * sweep sample builds it once, not twice). */
export function drawSample(
  inputs: UncertainInput[],
  seed: number,
  index: number,
  mode: ModelSeedMode,
): { values: Float64Array; modelSeed: number } {
  const streams = new RandomStreams(seed).forSample(index);
  return { values: drawFrom(inputs, streams), modelSeed: modelSeedFrom(seed, streams, mode) };
}

function drawFrom(inputs: UncertainInput[], streams: RandomStreams): Float64Array {
  if (!inputs.length) return new Float64Array(0);
  return Float64Array.from(inputs, (d) => quantileOf(d.spec, streams.get(`input${d.pointer}`).next()));
}

function modelSeedFrom(seed: number, streams: RandomStreams, mode: ModelSeedMode): number {
  return mode === 'scenario' ? seed : streams.get('model.seed').int(0, MAX_SEED);
}

function setAt(root: unknown, path: string[], value: number): void {
  let node = root as Record<string, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

/** The scenario with `values` substituted at each input's path; throws InputError if it is invalid. */
export function substitute(
  loaded: LoadedScenario,
  inputs: UncertainInput[],
  values: Float64Array,
  label: string,
): Scenario {
  // nothing to substitute: the model only reads the scenario (test/montecarlo/sweep.test.ts
  // runs a frozen one), so it is shared, not copied, across samples
  if (!inputs.length) return loaded.scenario;
  const scenario = structuredClone(loaded.scenario);
  inputs.forEach((d, k) => setAt(scenario, d.path, values[k]));
  const validate = scenarioValidator();
  const problems: string[] = [];
  if (!validate(scenario)) {
    for (const e of validate.errors ?? []) {
      const input = inputs.find((d) => e.instancePath === d.pointer) ?? inputs[0];
      problems.push(mcMsg.sampleInvalid(input.where, label, `${e.instancePath} ${e.message} (got ${String(e.data)})`));
    }
  } else {
    for (const p of checkConsistency(scenario)) {
      const input = inputs.find((d) => p.path.join('/') === d.path.join('/')) ?? inputs[0];
      problems.push(mcMsg.sampleInvalid(input.where, label, p.message));
    }
  }
  if (problems.length) throw new InputError([...new Set(problems)]);
  return scenario;
}
