// Whole-scenario benchmark: baseline-2025 from 2025 to 2040 in quarterly steps, runs per second on
// one core (the Monte Carlo sweeps need thousands of runs), with the same workload profile and
// network model as `firstwall run`, set against the previous release's figure (bench/baseline.json).
// `--derived` removes compute.mfu, so the step model picks a plan and derives the MFU every step
// (issue 12's speed rule: within 2x of the stated-MFU runs/s).
import { parseArgs } from 'node:util';
import { scenarioVsBaseline } from './baseline.ts';
import { CODE, compiled } from './compiled.ts';

const { loadScenario } = await compiled<typeof import('../src/scenario/load.ts')>('scenario/load');
const { runScenario } = await compiled<typeof import('../src/model/run.ts')>('model/run');
const { scenarioRoute } = await compiled<typeof import('../src/model/workload-route.ts')>('model/workload-route');

const DEFAULT_FILE = 'scenarios/baseline-2025.yaml';

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string', default: '300' },
      file: { type: 'string', default: DEFAULT_FILE },
      // the MFU derived by the step model (compute.mfu removed): a plan picked every step (issue 12)
      derived: { type: 'boolean', default: false },
    },
  });
  const loaded = loadScenario(values.file!);
  const compute = { ...loaded.scenario.compute };
  if (values.derived) delete compute.mfu;
  const quarterly = {
    ...loaded,
    scenario: { ...loaded.scenario, compute, horizon: { start_year: 2025, end_year: 2040, step_years: 0.25 } },
  };
  const runs = Number(values.runs);
  const options = { route: scenarioRoute(loaded) }; // calibrated workload and simulated all-to-all, as `run` does
  for (let i = 0; i < 50; i++) runScenario(quarterly, Object.assign({}, options, { seed: i })); // JIT warm-up (Object.assign: see src/montecarlo/run-samples.ts)
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let steps = 0;
  for (let i = 0; i < runs; i++) steps += runScenario(quarterly, Object.assign({}, options, { seed: i })).steps.length;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6; // the process's CPU time: steadier than wall time on a shared machine
  return {
    bench: 'scenario',
    code: CODE,
    scenario: loaded.scenario.name,
    mfu: values.derived ? 'derived' : 'as in the file',
    step_years: 0.25,
    steps_per_run: steps / runs,
    runs,
    seconds: +seconds.toFixed(4),
    runs_per_s: +(runs / seconds).toFixed(1),
    cpu_seconds: +cpuSeconds.toFixed(4),
    runs_per_cpu_s: +(runs / cpuSeconds).toFixed(1),
    cpu_ms_per_run: +((cpuSeconds * 1000) / runs).toFixed(2),
    // against the previous release (bench/baseline.json): a ratio below 1 is a regression
    vs_baseline:
      values.file === DEFAULT_FILE && !values.derived
        ? scenarioVsBaseline(runs / seconds)
        : { note: 'stored figure is for baseline-2025' },
  };
}
