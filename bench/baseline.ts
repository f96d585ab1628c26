// The previous release's benchmark figures (bench/baseline.json, with how they were measured) and
// the ratios against them, so a regression shows as a ratio below 1 rather than as a time.
// Invariant: stored figures are [low, high] ranges (the machine is shared); every ratio is a range
// oriented so that above 1 means faster than the previous release: now / then for rates,
// then / now for times.
import { readFileSync } from 'node:fs';

export type Range = [number, number];

export interface Baseline {
  release: string;
  measured: string;
  engine: { command: string; processes: number; steps: number; events_per_s: Range };
  simpy: { version: string; command: string; processes: number; steps: number; events_per_s: Range };
  scenario: { command: string; runs_per_s: Range };
  sweep: { command: string; samples: number; workers_1_seconds: Range; workers_2_seconds: Range; speedup: Range };
}

let cached: Baseline | undefined;

/** bench/baseline.json, read once. */
export function loadBaseline(): Baseline {
  cached ??= JSON.parse(readFileSync(new URL('./baseline.json', import.meta.url), 'utf8')) as Baseline;
  return cached;
}

const r3 = (x: number): number => Number(x.toFixed(3));

/** A rate against a stored rate range: [now / high, now / low]. */
export function rateRatio(now: number, then: Range): Range {
  return [r3(now / then[1]), r3(now / then[0])];
}

/** A time against a stored time range (lower is better): [low / now, high / now]. */
export function timeRatio(nowSeconds: number, then: Range): Range {
  return [r3(then[0] / nowSeconds), r3(then[1] / nowSeconds)];
}

/** The engine figure against the previous release's (only for the stored workload size). */
export function engineVsBaseline(processes: number, steps: number, eventsPerS: number): Record<string, unknown> {
  const b = loadBaseline();
  if (processes !== b.engine.processes || steps !== b.engine.steps) {
    return { note: `stored figure is for ${b.engine.processes} processes x ${b.engine.steps} steps` };
  }
  return {
    release: b.release,
    events_per_s: b.engine.events_per_s,
    ratio: rateRatio(eventsPerS, b.engine.events_per_s),
  };
}

/** Scenario runs/s against the previous release's. */
export function scenarioVsBaseline(runsPerS: number): Record<string, unknown> {
  const b = loadBaseline();
  return { release: b.release, runs_per_s: b.scenario.runs_per_s, ratio: rateRatio(runsPerS, b.scenario.runs_per_s) };
}

/** Sweep wall times (scaled per sample when the sample count differs) and speed-up. */
export function sweepVsBaseline(
  samples: number,
  workers1Seconds: number,
  workers2Seconds: number,
  speedup: number,
): Record<string, unknown> {
  const b = loadBaseline().sweep;
  const scale = samples / b.samples; // stored seconds scaled to this run's sample count
  const scaled = (r: Range): Range => [r[0] * scale, r[1] * scale];
  return {
    release: loadBaseline().release,
    samples: b.samples,
    ...(samples === b.samples ? {} : { note: `stored times scaled per sample from ${b.samples} samples` }),
    workers_1: { seconds: b.workers_1_seconds, ratio: timeRatio(workers1Seconds, scaled(b.workers_1_seconds)) },
    workers_2: { seconds: b.workers_2_seconds, ratio: timeRatio(workers2Seconds, scaled(b.workers_2_seconds)) },
    speedup: { then: b.speedup, now: speedup },
  };
}
