// Sweep benchmark (issues 6, 18): samples of baseline-2025 over 2025-2035 (yearly) with 1 and with
// 2 workers, each run in a fresh Node process (as `firstwall sweep` runs: cold caches, the worker's
// start-up included). Per worker count: wall seconds, CPU seconds per sample (all threads; the
// per-run cost the single-run work improves, plus what a second thread adds), and the main
// thread's busy share (event-loop utilization: the main thread also runs chunks). Runs alternate
// 1, 2, 1, 2, ... `--repeats` times (default 2) and each figure is printed as a [low, high] range,
// with the load average: on a shared machine the speed-up is only meaningful with the load beside it.
// Targets (issue 18): speed-up >= 1.8x with 2 workers; 10,000 samples in < 3 s on 2 workers.
// `npm run bench -- sweep --samples N --repeats R`. Times are also set against the previous
// release's (bench/baseline.json), as ratios.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sweepVsBaseline } from './baseline.ts';
import { CODE } from './compiled.ts';

const FILE = 'test/fixtures/sweep/baseline-2035.yaml';
const DIST = new URL('../dist/', import.meta.url);

/** One sweep in a child process (compiled code: workers load dist/montecarlo/sample-worker.js).
 * A file, not --eval: worker threads inherit the parent's execArgv, and --input-type breaks them. */
const CHILD = `
import { performance } from 'node:perf_hooks';
const [samples, workers] = process.argv.slice(2).map(Number);
const { runSweep } = await import(new URL('montecarlo/sweep.js', process.env.DIST).href);
const { loadScenario } = await import(new URL('scenario/load.js', process.env.DIST).href);
const c0 = process.cpuUsage(), e0 = performance.eventLoopUtilization(), t0 = performance.now();
const loaded = loadScenario(${JSON.stringify(FILE)});
const spec = { file: ${JSON.stringify(FILE)}, cwd: process.cwd(), seed: 2025, samples, modelSeed: 'per-sample' };
await runSweep(loaded, spec, [0, samples], { workers });
const wall_s = (performance.now() - t0) / 1000, c = process.cpuUsage(c0);
const busy = performance.eventLoopUtilization(e0).utilization;
console.log(JSON.stringify({ wall_s, cpu_s: (c.user + c.system) / 1e6, main_busy: busy }));
`;

interface Measured {
  wall_s: number;
  cpu_s: number;
  main_busy: number;
}

function measure(samples: number, workers: number): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'firstwall-bench-sweep-'));
  const script = join(dir, 'child.mjs');
  writeFileSync(script, CHILD);
  try {
    return measureWith(script, samples, workers);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measureWith(script: string, samples: number, workers: number): Measured {
  const out = execFileSync(process.execPath, [script, String(samples), String(workers)], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, DIST: DIST.href },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Measured;
}

const range = (xs: number[], digits: number): [number, number] => [
  Number(Math.min(...xs).toFixed(digits)),
  Number(Math.max(...xs).toFixed(digits)),
];

function figures(runs: Measured[], samples: number) {
  return {
    seconds: range(
      runs.map((r) => r.wall_s),
      2,
    ),
    samples_per_s: range(
      runs.map((r) => samples / r.wall_s),
      0,
    ),
    cpu_ms_per_sample: range(
      runs.map((r) => (1000 * r.cpu_s) / samples),
      2,
    ),
    main_thread_busy: range(
      runs.map((r) => r.main_busy),
      2,
    ),
  };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: { samples: { type: 'string', default: '10000' }, repeats: { type: 'string', default: '2' } },
    strict: false,
  });
  const samples = Number(values.samples);
  const repeats = Math.max(1, Number(values.repeats));
  const loads: number[] = [];
  const one: Measured[] = [],
    two: Measured[] = [],
    speedups: number[] = [];
  for (let i = 0; i < repeats; i++) {
    loads.push(loadavg()[0]);
    one.push(measure(samples, 1));
    two.push(measure(samples, 2));
    speedups.push(one[i].wall_s / two[i].wall_s); // each pair back to back: similar load
  }
  loads.push(loadavg()[0]);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    bench: 'sweep',
    code: CODE,
    scenario: 'baseline-2025 (2025-2035, yearly)',
    samples,
    repeats,
    workers_1: figures(one, samples),
    workers_2: figures(two, samples),
    // per pair (1 then 2 workers, back to back)
    speedup: range(speedups, 2),
    // CPU the second thread adds (start-up, its own warm-up, messages), in ms per sample
    extra_cpu_ms_per_sample_2_workers: range(
      two.map((t, i) => (1000 * (t.cpu_s - one[i].cpu_s)) / samples),
      2,
    ),
    // the machine's share: a load average above the core count means other processes took cores
    cores: availableParallelism(),
    load_average_1min: range(loads, 2),
    target: { seconds_2_workers_10000_samples: 3, speedup: 1.8 },
    // against the previous release (bench/baseline.json): a ratio below 1 is a regression
    vs_baseline: sweepVsBaseline(
      samples,
      median(one.map((r) => r.wall_s)),
      median(two.map((r) => r.wall_s)),
      Number(median(speedups).toFixed(2)),
    ),
  };
}
