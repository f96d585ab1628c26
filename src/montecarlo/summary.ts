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
  const headroom = new Float64Array(result.steps.length * WALLS.length);
  result.steps.forEach((s, i) =>
    WALLS.forEach((w, j) => {
      headroom[i * WALLS.length + j] = s.walls[w].headroom;
    }),
  );
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
