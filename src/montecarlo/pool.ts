// Runs a range of sample indices, in this thread (workers = 1) or on worker_threads. Work goes out
// in chunks to whichever worker is free; results are keyed by index, so the caller's aggregate is
// the same for any worker count. An abort signal (Ctrl-C) terminates every worker at once and
// rejects with InterruptedError; nothing is returned from an interrupted run.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { InputError } from '../io/errors.ts';
import { mcMsg } from './messages.ts';
import { runRange, sweepContext, type SweepContext, type SweepSpec } from './run-samples.ts';
import type { ChunkReply } from './sample-worker.ts';
import type { SampleSummary } from './summary.ts';
import { unpack } from './packed.ts';
import { toWorkerData } from './worker-data.ts';
import { startWorkers, stopWorkers, type StartedWorker } from './workers.ts';
import type { LoadedScenario } from '../scenario/load.ts';

export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor() {
    super(mcMsg.interrupted());
  }
}

export interface PoolOptions {
  workers: number;
  /** Called after each chunk with the number of samples done so far. */
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
  /** Worker threads started ahead (src/montecarlo/workers.ts): used, up to workers - 1, before any
   * new one is started; the pool terminates every one it is given. */
  started?: StartedWorker[];
}

/** Largest chunk: progress is reported at least this often (in samples). */
const MAX_CHUNK = 200;

/**
 * Guided self-scheduling: each chunk is a share of what is left, so chunks start large (few
 * messages) and shrink toward the end, where a large chunk would leave one thread finishing it
 * while the others idle. Any split gives the same result (summaries are keyed by index).
 */
export function chunkSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(MAX_CHUNK, Math.ceil(remaining / (workers * 4))));
}

/** Hands out [start, end) in index order, in guided chunks. */
class ChunkQueue {
  constructor(
    private next: number,
    private readonly end: number,
    private readonly workers: number,
  ) {}
  get empty(): boolean {
    return this.next >= this.end;
  }
  take(): [number, number] | undefined {
    if (this.empty) return undefined;
    const s = this.next;
    this.next = Math.min(this.end, s + chunkSize(this.end - s, this.workers));
    return [s, this.next];
  }
}

async function inProcess(ctx: SweepContext, start: number, end: number, o: PoolOptions): Promise<SampleSummary[]> {
  const out: SampleSummary[] = [];
  const queue = new ChunkQueue(start, end, 1);
  for (let c = queue.take(); c; c = queue.take()) {
    await yieldToLoop(); // lets a SIGINT handler run between chunks
    if (o.signal?.aborted) throw new InterruptedError();
    for (const s of runRange(ctx, c[0], c[1])) out.push(s);
    o.onProgress?.(out.length);
  }
  return out;
}

/**
 * `workers` compute threads: the main thread plus workers - 1 worker threads. The main thread
 * runs chunks too, yielding to the event loop between chunks so worker replies, progress and
 * Ctrl-C are handled (replies are a few typed arrays per chunk: merging is a loop of pushes).
 * Every thread pays its own start-up: measured on the 2-core machine (2026-11-30,
 * baseline-2035 fixture, dist/), a cold thread's first sample costs ~0.7 CPU s and its next ~100
 * ~15-40 CPU ms each against ~4.5 warm (V8 tiering up the model code; the same in a worker as on
 * the main thread), so the main thread computing spares one cold thread. Each worker keeps two
 * chunks queued so it never waits for the main thread to finish a chunk before getting more work.
 * Workers may come started (o.started, as `firstwall sweep` starts them before it loads the
 * scenario): their module loading (~0.5 s wall) then overlaps the main thread's loading.
 * Measured and not taken (2026-11-30, baseline-2035 fixture, dist/, load 5-10 on the 2 cores, so
 * CPU seconds compared rather than wall, interleaved; bench/sweep.ts prints the per-thread split):
 * - every chunk on `workers` worker threads, the main thread only merging: 2-9% more CPU in three
 *   pairs of 3,000 samples (one more thread loads the model code, ~0.45 CPU s, and warms up);
 * - a smaller or larger worker young generation (resourceLimits.maxYoungGenerationSizeMb 3, 6, 24,
 *   96; it does resize the new space: 2 MB at 3, 4 MB at 6, against 16 by default): no gain on
 *   sweep samples, 3 and 6 were up to 25% slower per warm sample in a lone worker;
 * - V8 flags (process-wide, so only by re-executing node): --single-threaded-gc,
 *   --no-parallel-scavenge, --no-concurrent-recompilation and --v8-pool-size=1 move V8's helper
 *   work onto the compute thread and cost as much or more CPU in all.
 * Measured later the same day (helper sweep18c, in-process runs of 2,000-6,000 samples, load 5-9):
 * - the young generation's size does not change the GC cost per sample: ~11% of what a sample
 *   allocates (~1.2 MB) outlives a scavenge at 4, 16 and 64 MB semi-spaces alike, and all of it is
 *   promoted (~1.8 MB per 16 MB scavenge, ~115 KB per sample, dead by the next mark-compact);
 * - --max-inlined-bytecode-size-cumulative=460, --no-turbo-inlining, --maglev,
 *   --no-flush-bytecode, --no-lazy-feedback-allocation, --interrupt-budget=33000: no change in
 *   total CPU beyond the noise (cheaper compiles traded for slower code), so no flags are set.
 * Measured 2026-12-01 (helper sweep18d, dist/, load 4-10), after runScenario let go of its steps:
 * - per scavenge, in-process over 2,000 samples (--trace-gc-nvp): survived 1.55 -> 0.98 MB, promoted
 *   0.73 -> 0.45 MB, of ~14.7 MB allocated; with 64 MB semi-spaces still ~7% (2.9 MB of 41 MB), so a
 *   larger young generation still does not pay;
 * - what survives is the run's: a sample run then dropped, two minor GCs, promotes 60-150 KB (yearly
 *   fixture), and runScenario alone as much; draws, substitution and summary add nothing measurable.
 *   With the rest of runScenario's captured state released too (539c03a): survived per scavenge
 *   0.20 MB, promoted 0.04 MB, a dropped sample promotes 8-16 KB (an experiment releasing the same
 *   on a copy of dist/ had cut the helper threads' steady CPU 0.53-0.59 -> 0.37-0.42 ms a sample,
 *   three alternating pairs of 3,000 samples, load 6.7-7.9);
 * - a CPU profile of the same puts the sweep's own per-sample code (draws, substitution, the model
 *   seed, the summary) at ~1% of the main thread, the model at ~70% and its GC at ~20%;
 * - the JIT keeps working past the first 1,000 samples: ~600 optimizations in the first 500, then
 *   75-110 per 500 up to 2,000 (--trace-opt; permit, sustained, gpuOrders re-optimized 5-10 times),
 *   in every compute thread; with --single-threaded-gc the helpers still take ~0.3 CPU ms a sample
 *   between samples 1,000 and 3,000 (against ~0.57 with GC on them);
 * - a worker's imports, yaml and ajv loaded on first use (src/io/lazy-modules.ts): 270-405 ->
 *   181-304 CPU ms; over 10,000 samples a worker waits 0.09-0.81 s in all between chunks (load 8-9),
 *   0.14-0.24 s with the main thread's chunks capped at 50 samples: inconclusive at that load.
 * What caps the speed-up is that V8's helper threads (concurrent compilation, concurrent marking,
 * parallel scavenge) already use the second core beside one compute thread, and each compute
 * thread warms up on its own: ~1-2 CPU s on the compute thread and ~1.4-2.4 on the helpers above the
 * steady rate over its first 1,000 samples (bench/sweep.ts: warm_up, speedup_ceiling_from_cpu).
 */
function onWorkers(ctx: SweepContext, start: number, end: number, o: PoolOptions): Promise<SampleSummary[]> {
  const queue = new ChunkQueue(start, end, o.workers);
  // no more threads than samples
  const n = Math.min(o.workers - 1, end - start - 1);
  const workerData = toWorkerData(ctx);
  const given = o.started ?? [];
  const started = [...given.slice(0, n), ...startWorkers(n - given.length)];
  void stopWorkers(given.slice(n)); // more than the range needs
  const early = started.find((s) => s.early)?.early;
  const workers = started.map((s) => s.adopt());
  for (const w of workers) w.postMessage(workerData);
  const out: SampleSummary[] = [];
  let settled = false;
  // A bad sample stops dispatch; chunks already out finish, and the error of the lowest failing
  // chunk is reported. Chunks go out in index order, so that is the lowest bad sample whatever
  // the worker count or timing (the message never depends on --workers).
  let failure: { start: number; error: Error } | null = null;
  let outstanding = 0;
  return new Promise<SampleSummary[]>((resolve, reject) => {
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      void Promise.all(workers.map((w) => w.terminate())).then(() => (err ? reject(err) : resolve(out)));
    };
    const onAbort = () => finish(new InterruptedError());
    if (o.signal?.aborted) return onAbort();
    if (early) return finish(early);
    o.signal?.addEventListener('abort', onAbort);
    const settle = () => {
      if (outstanding > 0) return;
      if (failure) finish(failure.error);
      else if (queue.empty) finish(null);
    };
    const take = (): [number, number] | undefined => {
      const c = failure || settled ? undefined : queue.take();
      if (c) outstanding++;
      return c;
    };
    const done = (c: [number, number], summaries: SampleSummary[] | null, error: Error | null) => {
      outstanding--;
      if (error && (!failure || c[0] < failure.start)) failure = { start: c[0], error };
      if (summaries) {
        for (const s of summaries) out.push(s);
        o.onProgress?.(out.length);
      }
      settle();
    };
    for (const w of workers) {
      const sent: [number, number][] = [];
      const feed = () => {
        const c = take();
        if (c) {
          sent.push(c);
          w.postMessage({ start: c[0], end: c[1] });
        }
      };
      w.on('message', (m: ChunkReply) => {
        const c = sent.shift()!;
        if (!m.ok) done(c, null, m.problems ? new InputError(m.problems) : new Error(m.message));
        else done(c, unpack(m.packed), null);
        if (!settled) feed();
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (!settled) finish(new Error(`sweep worker exited with code ${code}`));
      });
      feed();
      feed();
    }
    void (async () => {
      for (;;) {
        await yieldToLoop();
        const c = take();
        if (!c) return settle();
        try {
          done(c, runRange(ctx, c[0], c[1]), null);
        } catch (e) {
          done(c, null, e as Error);
        }
      }
    })();
  });
}

/**
 * Summaries of samples [start, end), in no particular order (callers sort by index). `loaded` is
 * the spec's scenario when the caller has it already (else it is loaded here, once).
 */
export function runSamples(
  spec: SweepSpec,
  start: number,
  end: number,
  o: PoolOptions,
  loaded?: LoadedScenario,
): Promise<SampleSummary[]> {
  if (end <= start || o.workers <= 1) void stopWorkers(o.started);
  if (end <= start) return Promise.resolve([]);
  const ctx = sweepContext(spec, loaded);
  return o.workers <= 1 ? inProcess(ctx, start, end, o) : onWorkers(ctx, start, end, o);
}
