// `firstwall sweep <scenario.yaml>`: Monte Carlo over the scenario's distributions.
//   options -> start workers -> load -> (shard slice) -> run samples on them -> shard file, or
//   aggregate -> output (the workers load their modules while this thread loads the scenario)
// Progress on stderr only on a terminal; Ctrl-C terminates the workers and writes nothing.
import { availableParallelism } from 'node:os';
import type { Command, CommandIO } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { MAX_SAMPLES, MAX_WORKERS, parseCommandArgs, parseIntOption, parseSeed } from './options.ts';
import { loadScenario } from '../scenario/load.ts';
import { EXIT_INTERRUPTED, onInterrupt } from '../montecarlo/interrupt.ts';
import { InterruptedError } from '../montecarlo/pool.ts';
import { createProgress } from '../montecarlo/progress.ts';
import { isModelSeedMode, MODEL_SEEDS, type ModelSeedMode } from '../montecarlo/sample.ts';
import { parseShard, shardFromEnv, shardRange, type Shard } from '../montecarlo/shard.ts';
import { startWorkers, stopWorkers, type StartedWorker } from '../montecarlo/workers.ts';
import { writeShard } from '../montecarlo/shard-file.ts';
import { assertFinite } from '../io/finite.ts';
import { resolveOutPath, type OutPath } from '../io/atomic/out-path.ts';
import { runSweep } from '../montecarlo/sweep.ts';
import { finishSweep } from './sweep-finish.ts';

const usage = `Usage: firstwall sweep <scenario.yaml> [--samples N] [--workers N] [--seed N]
                      [--model-seed per-sample|scenario] [--out DIR] [--json]
                      [--shard i/n | --shards n]
  Draws N samples of the scenario's distributions and runs each. Sample i draws from streams
  named by (seed, i), so results do not depend on --workers or on sharding. Reports the
  probability that each wall is the first wall (95% Wilson interval), p5/p50/p95 of the
  first-wall year (over samples with a wall; the share with none is reported), and per-step
  quantiles of every wall's headroom.
  --samples N     number of samples (default 1000)
  --workers N     compute threads: the main thread plus N-1 worker_threads (default: available cores; 1 runs in-process)
  --seed N        sweep seed (default: the scenario's seed)
  --model-seed M  per-sample (default): each sample also draws its own planner lead times;
                  scenario: every sample runs the model with the sweep seed (only inputs vary)
  --out DIR       write DIR/sweep.json and DIR/charts/*.vl.json (atomically)
  --json          print sweep.json on stdout, nothing else
  --shard i/n     run only slice i (0-based) of n and write DIR/shard-i-of-n.json (needs --out)
  --shards n      the same, with i from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or
                  SLURM_ARRAY_TASK_ID (Slurm array, --array=0-(n-1))
  Progress goes to stderr on a terminal only. Ctrl-C stops the workers and writes nothing.
  Combine shards with: firstwall merge DIR/shard-*.json --out DIR

Example:
  firstwall sweep scenarios/uncertain-2025.yaml --samples 10000 --out reports/uncertain
`;

function shardOf(values: { shard?: string; shards?: string }, env: Record<string, string | undefined>): Shard | null {
  if (values.shard !== undefined && values.shards !== undefined)
    throw new UsageError('give --shard i/n or --shards n, not both');
  if (values.shard !== undefined) return parseShard(values.shard);
  if (values.shards !== undefined) return shardFromEnv(parseIntOption('shards', values.shards, 1), env);
  return null;
}

function modelSeedOf(raw: string | undefined): ModelSeedMode {
  if (raw === undefined) return 'per-sample';
  if (!isModelSeedMode(raw))
    throw new UsageError(`--model-seed must be one of ${MODEL_SEEDS.join(', ')} (got "${raw}")`);
  return raw;
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: "Monte Carlo over the scenario's distributions: first-wall probabilities, quantiles",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      samples: { type: 'string' },
      workers: { type: 'string' },
      seed: { type: 'string' },
      'model-seed': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      shard: { type: 'string' },
      shards: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one scenario file');
    const samples = parseIntOption('samples', values.samples, 1000, 1, MAX_SAMPLES);
    const workers = parseIntOption('workers', values.workers, availableParallelism(), 1, MAX_WORKERS);
    const shard = shardOf(values, io.env);
    if (shard && values.out === undefined) throw new UsageError('--shard/--shards need --out DIR for the shard file');
    const out = values.out === undefined ? undefined : resolveOutPath(values.out, '--out', 'folder', io.cwd);
    const range = shard ? shardRange(samples, shard) : ([0, samples] as [number, number]);
    // worker threads load the model's modules while this thread loads the scenario
    const started = startWorkers(Math.min(workers, range[1] - range[0]) - 1);
    try {
      return await sweep({ file: positionals[0], values, samples, workers, shard, range, out, started }, io);
    } finally {
      await stopWorkers(started); // those no pool took (a bad scenario, a short range)
    }
  },
};

interface SweepArgs {
  file: string;
  values: { seed?: string; 'model-seed'?: string; json?: boolean; out?: string };
  samples: number;
  workers: number;
  shard: Shard | null;
  range: [number, number];
  out: OutPath | undefined;
  started: StartedWorker[];
}

/** Load -> run samples -> shard file, or aggregate -> output. */
async function sweep(a: SweepArgs, io: CommandIO): Promise<number> {
  const { values, samples, workers, shard, range, out } = a;
  const loaded = loadScenario(a.file, io.cwd);
  const seed = parseSeed(values.seed) ?? loaded.scenario.seed ?? 1;
  const spec = { file: a.file, cwd: io.cwd, seed, samples, modelSeed: modelSeedOf(values['model-seed']) };
  const progress = createProgress(io.isTTY && !values.json, range[1] - range[0], io.stderr);
  const interrupt = onInterrupt();
  try {
    const run = await runSweep(loaded, spec, range, {
      workers,
      onProgress: progress.update,
      signal: interrupt.signal,
      started: a.started,
    });
    progress.done();
    assertFinite(run, 'the sweep samples'); // the output boundary
    if (shard) {
      io.stdout(
        `Shard ${shard.index}/${shard.count} (samples ${range[0]}..${range[1] - 1}) written to ${writeShard(out!, run, shard, range)}\n`,
      );
      return EXIT.ok;
    }
    finishSweep(run, out, values.out, values.json, 'the sweep result', io);
    return EXIT.ok;
  } catch (e) {
    progress.done();
    if (!(e instanceof InterruptedError)) throw e;
    io.stderr(`firstwall sweep: ${e.message}\n`);
    return EXIT_INTERRUPTED;
  } finally {
    interrupt.dispose();
  }
}
