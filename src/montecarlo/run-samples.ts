// Runs samples [start, end) of a sweep in this thread: draw inputs, substitute, run the model,
// summarize. The same code runs in-process (--workers 1), on the main thread beside workers, and
// inside each worker thread, always from a SweepContext: the scenario loaded (and its workload
// route resolved) once per sweep, never per sample or per chunk.
import { scenarioRoute, type WorkloadRoute } from '../model/workload-route.ts';
import { runScenario, type RunOptions } from '../model/run.ts';
import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { drawSample, substitute, type ModelSeedMode } from './sample.ts';
import { summarize, type SampleSummary } from './summary.ts';

/** What identifies a sweep: every worker and shard recomputes the same samples from this. */
export interface SweepSpec {
  file: string;
  cwd: string;
  seed: number;
  samples: number;
  modelSeed: ModelSeedMode;
}

/** What every sample of a sweep shares: the spec, the loaded scenario and its workload route. */
export interface SweepContext {
  spec: SweepSpec;
  loaded: LoadedScenario;
  route: WorkloadRoute;
}

/** The context of a sweep over `loaded` (loads the spec's file when not given). */
export function sweepContext(
  spec: SweepSpec,
  loaded: LoadedScenario = loadScenario(spec.file, spec.cwd),
): SweepContext {
  return { spec, loaded, route: scenarioRoute(loaded, spec.cwd) };
}

/** Samples run with the scenario's workload profile and simulated network, like `firstwall run`. */
export function runSample(
  loaded: LoadedScenario,
  spec: SweepSpec,
  index: number,
  options: RunOptions = { route: scenarioRoute(loaded, spec.cwd) },
): SampleSummary {
  const inputs = loaded.distributions ?? [];
  const { values, modelSeed } = drawSample(inputs, spec.seed, index, spec.modelSeed);
  const scenario = substitute(loaded, inputs, values, `sample ${index}`);
  const result = runScenario(
    { ...loaded, scenario },
    // not { ...options, seed }: that copy would get a new map every sample on Node 20 (docs/benchmarks.md)
    Object.assign({}, options, { seed: modelSeed }),
  );
  return summarize(index, result, values);
}

export function runRange(ctx: SweepContext, start: number, end: number): SampleSummary[] {
  const out: SampleSummary[] = [];
  // summaries read only the walls' headroom and the first wall: no per-step cost annotation, and
  // elasticities only where a step falls short (the first wall's attribution)
  const options: RunOptions = { route: ctx.route, annotate: false, attribution: 'short steps' };
  for (let i = start; i < end; i++) out.push(runSample(ctx.loaded, ctx.spec, i, options));
  return out;
}
