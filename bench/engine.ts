// Engine benchmark: the classic shared-resource workload, comparable across DES engines.
// P processes each do S steps of: wait exp(mean 1), request a Resource of capacity 8, hold it for
// exp(mean 50) (a timeout), release. Events E = 3 * P * S (two timeouts and one grant per step).
// Randomness comes from named seeded streams; only the timing uses the clock. The headline is
// the median wall time of `repeats` runs after `warmup` runs; best and CPU-time figures are also
// printed because the 2-core machine is shared, and the figure is set against the previous
// release's (bench/baseline.json). `--vs-simpy` runs the same workload on SimPy in interleaved
// pairs (bench/engine-vs-simpy.ts).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { Environment, Resource, Rng, ProcessGenerator } from '../src/engine/index.ts';
import { engineVsBaseline } from './baseline.ts';
import { CODE, compiled } from './compiled.ts';

const engine = await compiled<typeof import('../src/engine/index.ts')>('engine/index');

const CAPACITY = 8; // slots of the shared resource (the workload's definition)
const WAIT_MEAN = 1; // mean think time between steps
const HOLD_MEAN = 50; // mean holding time

function* customer(env: Environment, res: Resource, wait: Rng, hold: Rng, steps: number): ProcessGenerator<void> {
  for (let i = 0; i < steps; i++) {
    yield env.timeout(wait.exponential(WAIT_MEAN));
    const req = res.request();
    yield req;
    yield env.timeout(hold.exponential(HOLD_MEAN));
    res.release(req);
  }
}

/** Builds and runs one workload; returns the final clock (a checksum of the run). */
export function workload(processes: number, steps: number, seed: string | number = 1): number {
  const env = new engine.Environment();
  const res = new engine.Resource(env, CAPACITY);
  const streams = new engine.RandomStreams(seed);
  const wait = streams.get('bench.engine.wait');
  const hold = streams.get('bench.engine.hold');
  for (let p = 0; p < processes; p++) env.process(customer(env, res, wait, hold, steps));
  env.run();
  return env.now;
}

export function positiveInt(name: string, raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v <= 0) throw new RangeError(`--${name} must be a positive integer (got "${raw}")`);
  return v;
}

/** Wall and CPU seconds of `repeats` timed runs (sorted), and the last run's end time. */
export interface EngineTimes {
  wall_s: number[];
  cpu_s: number[];
  end: number;
}

/** Times `repeats` runs of the workload (after `warmup` untimed ones for the JIT). */
export function measure(processes: number, steps: number, repeats: number, warmup: number): EngineTimes {
  for (let i = 0; i < warmup; i++) workload(processes, steps);
  const wall_s: number[] = [];
  const cpu_s: number[] = [];
  let end = 0;
  for (let i = 0; i < repeats; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    end = workload(processes, steps);
    wall_s.push((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    cpu_s.push((cpu.user + cpu.system) / 1e6);
  }
  wall_s.sort((a, b) => a - b);
  cpu_s.sort((a, b) => a - b);
  return { wall_s, cpu_s, end };
}

export const median = (sorted: number[]): number => sorted[Math.floor(sorted.length / 2)];

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      processes: { type: 'string', default: '1000' },
      steps: { type: 'string', default: '200' },
      repeats: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '5' },
      'vs-simpy': { type: 'boolean', default: false },
      pairs: { type: 'string', default: '4' },
      'simpy-repeats': { type: 'string', default: '3' },
      'simpy-python': { type: 'string' },
    },
    strict: true,
  });
  const processes = positiveInt('processes', values.processes);
  const steps = positiveInt('steps', values.steps);
  const repeats = positiveInt('repeats', values.repeats);
  const warmup = Number(values.warmup);
  if (values['vs-simpy']) {
    const { runVsSimpy } = await import('./engine-vs-simpy.ts');
    return runVsSimpy({
      processes,
      steps,
      repeats,
      warmup,
      pairs: positiveInt('pairs', values.pairs),
      simpyRepeats: positiveInt('simpy-repeats', values['simpy-repeats']),
      simpyPython: values['simpy-python'],
    });
  }
  const t = measure(processes, steps, repeats, warmup);
  // Median of the repeats is the headline; the best repeat shows the figure without contention
  // from other processes on a shared machine.
  const seconds = median(t.wall_s);
  const best = t.wall_s[0];
  const cpuSeconds = median(t.cpu_s);
  const events = 3 * processes * steps;
  const eventsPerS = Math.round(events / seconds);
  return {
    bench: 'engine',
    code: CODE,
    processes,
    steps,
    events,
    seconds: Number(seconds.toFixed(4)),
    events_per_s: eventsPerS,
    best_seconds: Number(best.toFixed(4)),
    best_events_per_s: Math.round(events / best),
    // CPU time (all threads of this process, GC included) is less disturbed by other load.
    cpu_seconds: Number(cpuSeconds.toFixed(4)),
    cpu_events_per_s: Math.round(events / cpuSeconds),
    repeats,
    sim_end_time: t.end,
    vs_baseline: engineVsBaseline(processes, steps, eventsPerS),
  };
}
