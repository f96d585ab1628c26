// Sweep benchmark (issue 6): 10,000 samples of baseline-2025 over 2025-2035 (yearly), with 1 and
// with 2 workers; samples/s and the speed-up. Target: under 10 s with 2 workers, speed-up >= 1.7x.
// `npm run bench -- sweep --samples N` runs a smaller one. Times are also set against the previous
// release's (bench/baseline.json), as ratios.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sweepVsBaseline } from './baseline.ts';
import { CODE, compiled } from './compiled.ts';

// compiled: the workers then load dist/montecarlo/sample-worker.js, as `firstwall sweep` does
const { runSweep } = await compiled<typeof import('../src/montecarlo/sweep.ts')>('montecarlo/sweep');
const { loadScenario } = await compiled<typeof import('../src/scenario/load.ts')>('scenario/load');

const FILE = 'test/fixtures/sweep/baseline-2035.yaml';

/** Wall-clock and CPU seconds (all threads of this process: workers included). */
async function timed(samples: number, workers: number): Promise<{ wall_s: number; cpu_s: number }> {
  const loaded = loadScenario(FILE);
  const spec = { file: FILE, cwd: process.cwd(), seed: 2025, samples, modelSeed: 'per-sample' as const };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runSweep(loaded, spec, [0, samples], { workers });
  const c = process.cpuUsage(c0);
  return { wall_s: (performance.now() - t0) / 1000, cpu_s: (c.user + c.system) / 1e6 };
}

const round = (x: number) => Number(x.toFixed(2));

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({ args, options: { samples: { type: 'string', default: '10000' } }, strict: false });
  const samples = Number(values.samples);
  const load_before = loadavg()[0];
  const one = await timed(samples, 1);
  const two = await timed(samples, 2);
  return {
    bench: 'sweep',
    code: CODE,
    scenario: 'baseline-2025 (2025-2035, yearly)',
    samples,
    workers_1: {
      seconds: round(one.wall_s),
      cpu_seconds: round(one.cpu_s),
      samples_per_s: Math.round(samples / one.wall_s),
    },
    workers_2: {
      seconds: round(two.wall_s),
      cpu_seconds: round(two.cpu_s),
      samples_per_s: Math.round(samples / two.wall_s),
    },
    speedup: round(one.wall_s / two.wall_s),
    // the machine's share: a load average above the core count means other processes took cores
    cores: availableParallelism(),
    load_average_1min: round(load_before),
    target: { seconds_2_workers: 10, speedup: 1.7 },
    // against the previous release (bench/baseline.json): a ratio below 1 is a regression
    vs_baseline: sweepVsBaseline(samples, one.wall_s, two.wall_s, round(one.wall_s / two.wall_s)),
  };
}
