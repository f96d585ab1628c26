// Step-model benchmark (issue 12): one step evaluation with closed-form collectives, cold (a fresh
// model object, so no cached layer costs) and warm (cached), on Llama 3 405B's published plan;
// and a cold plan search on Llama 3 405B / 16,384 H100 and DeepSeek-V3 / 2,048 H800. Targets: one
// evaluation < 1 ms; a search over >= 1,000 evaluated plans < 1 s. Headlines are medians of
// `repeats` runs after `warmup` runs (the 2-core machine is shared: report ranges).
// `years`: a scenario (default baseline-2025, quarterly steps) with its compute.mfu removed, so
// every step picks a plan (issue 12 item 4: within 2x of the stated-MFU runs/s), against the same
// scenario as stated: the derived run's first run after a stated one (the plan searches it pays
// that a sweep's later runs find cached), then runs on seeds not seen before (a sweep's samples),
// in CPU time, from dist/ (bench/compiled.ts).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { H100_SXM, H800_SXM, withGpus } from '../src/workload/step/cluster.ts';
import { DEEPSEEK_V3, LLAMA3_405B } from '../src/workload/step/models.ts';
import { makePlan } from '../src/workload/step/plan.ts';
import { searchPlans, type SearchOptions } from '../src/workload/step/search.ts';
import { stepTime } from '../src/workload/step/step-time.ts';
import type { StepCluster } from '../src/workload/step/cluster.ts';
import type { StepModel } from '../src/workload/step/model.ts';
import { compiled } from './compiled.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 3): number => Number(x.toFixed(d));

function timeEvaluations(n: number, cold: boolean): number {
  const c = withGpus(H100_SXM, 16384);
  const p = makePlan({
    tp: 8,
    pp: 16,
    dp: 128,
    global_batch: 2048,
    schedule: 'interleaved',
    chunks: 4,
    recompute: 'selective',
  });
  const t0 = performance.now();
  let check = 0;
  for (let i = 0; i < n; i++) check += stepTime(cold ? { ...LLAMA3_405B } : LLAMA3_405B, c, p).step_us;
  if (!(check > 0)) throw new Error('no step time');
  return (performance.now() - t0) / n;
}

function timeSearch(
  m: StepModel,
  c: StepCluster,
  o: SearchOptions,
): { ms: number; enumerated: number; evaluated: number } {
  const t0 = performance.now();
  const r = searchPlans({ ...m }, c, o);
  return { ms: performance.now() - t0, enumerated: r.fitting + r.rejected_total, evaluated: r.evaluated };
}

const cpuMs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e3;
};

/** Derived against stated MFU on one scenario: first-run CPU ms and runs per CPU second on new seeds. */
async function years(file: string, runs: number): Promise<Record<string, unknown>> {
  const { loadScenario } = await compiled<typeof import('../src/scenario/load.ts')>('scenario/load');
  const { runScenario } = await compiled<typeof import('../src/model/run.ts')>('model/run');
  const { scenarioRoute } = await compiled<typeof import('../src/model/workload-route.ts')>('model/workload-route');
  const loaded = loadScenario(file);
  const horizon = { start_year: 2025, end_year: 2040, step_years: 0.25 };
  const stated = { ...loaded, scenario: { ...loaded.scenario, horizon } };
  const { mfu: _mfu, ...compute } = loaded.scenario.compute;
  const derived = { ...stated, scenario: { ...stated.scenario, compute } };
  const route = scenarioRoute(loaded);
  const one = (l: typeof stated, seed: number) => cpuMs(() => runScenario(l, { route, seed }));
  const out: Record<string, unknown> = { file, step_years: 0.25, stated_mfu: loaded.scenario.compute.mfu ?? null };
  out.stated_first_run_cpu_ms = round(one(stated, 0), 0);
  out.derived_first_run_cpu_ms = round(one(derived, 0), 0);
  for (const [name, l] of [
    ['stated', stated],
    ['derived', derived],
  ] as const) {
    const ms = Array.from({ length: runs }, (_, i) => one(l, 1000 + i));
    out[`${name}_new_seeds`] = {
      runs,
      runs_per_cpu_s: round((runs * 1000) / ms.reduce((a, b) => a + b, 0), 1),
      median_cpu_ms: round(median(ms), 1),
      max_cpu_ms: round(Math.max(...ms), 0),
    };
  }
  return out;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      repeats: { type: 'string', default: '7' },
      warmup: { type: 'string', default: '2' },
      file: { type: 'string', default: 'scenarios/baseline-2025.yaml' },
      'year-runs': { type: 'string', default: '20' },
      only: { type: 'string' }, // 'years': just the scenario part
    },
    strict: true,
  });
  if (values.only === 'years') return { bench: 'step', years: await years(values.file!, Number(values['year-runs'])) };
  const repeats = Number(values.repeats),
    warmup = Number(values.warmup);
  const cases = {
    llama405b_16k_h100: () => timeSearch(LLAMA3_405B, withGpus(H100_SXM, 16384), { global_batch: 2048 }),
    deepseek_v3_2k_h800: () =>
      timeSearch(DEEPSEEK_V3, withGpus(H800_SXM, 2048), {
        global_batch: 15360,
        precision: 'fp8',
        step: { node_limit: 4 },
      }),
  };
  const out: Record<string, unknown> = { bench: 'step' };
  for (let i = 0; i < warmup; i++) timeEvaluations(50, true);
  const cold = Array.from({ length: repeats }, () => timeEvaluations(200, true));
  const warm = Array.from({ length: repeats }, () => timeEvaluations(2000, false));
  out.evaluate_cold_ms = { median: round(median(cold)), min: round(Math.min(...cold)), max: round(Math.max(...cold)) };
  out.evaluate_warm_ms = { median: round(median(warm), 4), min: round(Math.min(...warm), 4) };
  for (const [name, f] of Object.entries(cases)) {
    for (let i = 0; i < warmup; i++) f();
    const runs = Array.from({ length: repeats }, f);
    const ms = runs.map((r) => r.ms);
    out[`search_${name}`] = {
      enumerated: runs[0].enumerated,
      evaluated: runs[0].evaluated,
      median_ms: round(median(ms), 0),
      min_ms: round(Math.min(...ms), 0),
      max_ms: round(Math.max(...ms), 0),
      evaluated_per_s: Math.round(runs[0].evaluated / (median(ms) / 1e3)),
    };
  }
  out.years = await years(values.file!, Number(values['year-runs']));
  return out;
}
