// Shared fixtures for the cost/fleet tests: scenario runs cached per file (runs take ~1 s), and a
// deep check that every number in a value is finite.
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';
import type { RunResult } from '../../src/result/types.ts';

const cache = new Map<string, RunResult>();

export function run(file: string): RunResult {
  if (!cache.has(file)) cache.set(file, runScenario(loadScenario(file)));
  return cache.get(file)!;
}

/** Paths of every non-finite number inside v. */
export function nonFinite(v: unknown, path = '$'): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonFinite(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => nonFinite(x, `${path}.${k}`));
  return [];
}
