// Runs samples [start, end) of a sweep in this thread: draw inputs, substitute, run the model,
// summarize. The same code runs in-process (--workers 1) and inside each worker thread.
import { scenarioRoute } from '../model/workload-route.ts';
import { runScenario, type RunOptions } from '../model/run.ts';
import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { drawInputs, sampleModelSeed, substitute, type ModelSeedMode } from './sample.ts';
import { summarize, type SampleSummary } from './summary.ts';

/** What identifies a sweep: every worker and shard recomputes the same samples from this. */
export interface SweepSpec {
  file: string;
  cwd: string;
  seed: number;
  samples: number;
  modelSeed: ModelSeedMode;
}

/** Samples run with the scenario's workload profile and simulated network, like `firstwall run`. */
export function runSample(
  loaded: LoadedScenario,
  spec: SweepSpec,
  index: number,
  options: RunOptions = { route: scenarioRoute(loaded, spec.cwd) },
): SampleSummary {
  const inputs = loaded.distributions ?? [];
  const values = drawInputs(inputs, spec.seed, index);
  const scenario = substitute(loaded, inputs, values, `sample ${index}`);
  const result = runScenario(
    { ...loaded, scenario },
    { ...options, seed: sampleModelSeed(spec.seed, index, spec.modelSeed) },
  );
  return summarize(index, result, values);
}

export function runRange(loaded: LoadedScenario, spec: SweepSpec, start: number, end: number): SampleSummary[] {
  const out: SampleSummary[] = [];
  // summaries read only the walls: skip the per-step cost annotation
  const options: RunOptions = { route: scenarioRoute(loaded, spec.cwd), annotate: false };
  for (let i = start; i < end; i++) out.push(runSample(loaded, spec, i, options));
  return out;
}

/** Loads the scenario a spec names (what each worker does once). */
export function loadFor(spec: SweepSpec): LoadedScenario {
  return loadScenario(spec.file, spec.cwd);
}
