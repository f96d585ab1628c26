// The compact per-sample record a sweep keeps: the first wall, its year, every wall's headroom at
// every step, and the drawn input values. Workers return these and shards store them; statistics
// are computed only from these (in index order), so any split of the work gives the same result.
// Invariant: headroom is row-major, step by step, walls in WALLS order (steps x WALLS.length).
import type { RunResult } from '../result/types.ts';
import { WALLS, type Wall } from '../walls/registry.ts';

export interface SampleSummary {
  index: number;
  first_wall: Wall | null;
  first_wall_year: number | null;
  headroom: Float64Array;
  inputs: Float64Array;
}

export function summarize(index: number, result: RunResult, inputs: Float64Array): SampleSummary {
  // plain loops: every sample of a sweep runs this
  const steps = result.steps,
    n = WALLS.length;
  const headroom = new Float64Array(steps.length * n);
  for (let i = 0; i < steps.length; i++) {
    const walls = steps[i].walls;
    for (let j = 0; j < n; j++) headroom[i * n + j] = walls[WALLS[j]].headroom;
  }
  return {
    index,
    first_wall: result.first_wall?.wall ?? null,
    first_wall_year: result.first_wall?.year ?? null,
    headroom,
    inputs,
  };
}

/** As stored in a shard file: plain arrays (JSON numbers round-trip doubles exactly). */
export interface SampleRecord {
  index: number;
  first_wall: Wall | null;
  first_wall_year: number | null;
  headroom: number[];
  inputs: number[];
}

export function toRecord(s: SampleSummary): SampleRecord {
  return {
    index: s.index,
    first_wall: s.first_wall,
    first_wall_year: s.first_wall_year,
    headroom: Array.from(s.headroom),
    inputs: Array.from(s.inputs),
  };
}

export function fromRecord(r: SampleRecord): SampleSummary {
  return {
    index: r.index,
    first_wall: r.first_wall,
    first_wall_year: r.first_wall_year,
    headroom: Float64Array.from(r.headroom),
    inputs: Float64Array.from(r.inputs),
  };
}
