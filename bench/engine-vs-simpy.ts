// `npm run bench -- engine --vs-simpy`: the engine workload on firstwall's engine and on SimPy in
// interleaved pairs (engine, SimPy, engine, SimPy, ...), so both see the same machine load; prints
// both rates and their ratio as ranges over the pairs. Without SimPy (PyPI unreachable, no
// Python), it says so in the output and compares against the stored SimPy figure instead
// (bench/baseline.json), labelled as stored.
// Invariant: events are counted the same way on both sides, 3 per process step.
import { measure, median } from './engine.ts';
import { loadBaseline, type Range } from './baseline.ts';
import { prepareSimpy, runSimpy, type SimpyRun } from './simpy.ts';

export interface VsSimpyOptions {
  processes: number;
  steps: number;
  repeats: number;
  warmup: number;
  pairs: number;
  simpyRepeats: number;
  simpyPython: string | undefined;
}

/** The ratio firstwall / SimPy this issue asks for (issue 18, item 4). */
const TARGET_RATIO = 25;

const span = (xs: number[]): Range => [Math.min(...xs), Math.max(...xs)];
const r2 = (r: Range): Range => [Number(r[0].toFixed(2)), Number(r[1].toFixed(2))];

export async function runVsSimpy(o: VsSimpyOptions): Promise<Record<string, unknown>> {
  const events = 3 * o.processes * o.steps;
  const setup = prepareSimpy(o.simpyPython);
  measure(o.processes, o.steps, 0, o.warmup); // JIT warm-up once
  const wall: number[] = [];
  const cpu: number[] = [];
  const simpy: SimpyRun[] = [];
  for (let i = 0; i < o.pairs; i++) {
    const t = measure(o.processes, o.steps, o.repeats, 0);
    wall.push(events / median(t.wall_s));
    cpu.push(events / median(t.cpu_s));
    if (setup.ok) simpy.push(runSimpy(setup.python, o.processes, o.steps, o.simpyRepeats));
  }
  const head = { bench: 'engine-vs-simpy', processes: o.processes, steps: o.steps, events, pairs: o.pairs };
  const engine = { events_per_s: span(wall).map(Math.round), cpu_events_per_s: span(cpu).map(Math.round) };
  if (setup.ok) {
    // Per-pair ratios: each engine figure against the SimPy run right after it.
    const ratio = r2(span(wall.map((w, i) => w / simpy[i].events_per_s)));
    const cpuRatio = r2(span(cpu.map((c, i) => c / simpy[i].cpu_events_per_s)));
    const measured = {
      source: 'measured in this run',
      how: setup.how,
      version: simpy[0].simpy_version,
      python: simpy[0].python,
      events_per_s: span(simpy.map((s) => s.events_per_s)),
      cpu_events_per_s: span(simpy.map((s) => s.cpu_events_per_s)),
    };
    return { ...head, engine, simpy: measured, ratio, cpu_ratio: cpuRatio, target_ratio: TARGET_RATIO };
  }
  const stored = loadBaseline().simpy;
  const note =
    `SimPy was not measured in this run: ${setup.reason}. The ratio is against the stored SimPy ` +
    `${stored.version} figure (${stored.events_per_s.join('-')} events/s, bench/baseline.json), not a side-by-side run.`;
  console.error(`engine --vs-simpy: ${note}`);
  const sameSize = o.processes === stored.processes && o.steps === stored.steps;
  const against = (rates: number[]): Range | string =>
    sameSize
      ? r2([Math.min(...rates) / stored.events_per_s[1], Math.max(...rates) / stored.events_per_s[0]])
      : `none: the stored figure is for ${stored.processes} processes x ${stored.steps} steps`;
  const ratio = against(wall);
  // The stored figure comes from a quiet run, where SimPy's wall time is its CPU time; on a loaded
  // machine the engine's CPU-time rate is the fairer side to set against it.
  const cpuRatio = against(cpu);
  const simpyStored = {
    source: 'stored',
    version: stored.version,
    events_per_s: stored.events_per_s,
    reason: setup.reason,
  };
  return { ...head, engine, simpy: simpyStored, ratio, cpu_ratio: cpuRatio, target_ratio: TARGET_RATIO, note };
}
