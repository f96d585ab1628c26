// A chunk of sample summaries as a few flat typed arrays, what a sweep worker posts back: four
// buffers transferred per chunk instead of a structured clone of one object (and two buffers) per
// sample. Invariant: unpack(pack(s)) equals s field for field (headroom and inputs as views).
import { WALLS, type Wall } from '../walls/registry.ts';
import type { SampleSummary } from './summary.ts';

export interface PackedSummaries {
  start: number;
  count: number;
  /** WALLS index of the first wall, -1 for none. */
  wall: Int8Array;
  /** First-wall year, NaN for none. */
  year: Float64Array;
  /** count x (steps x WALLS.length), row-major, sample by sample. */
  headroom: Float64Array;
  /** count x inputs. */
  inputs: Float64Array;
}

/** Packs the summaries of samples start, start+1, ... (in that order). */
export function pack(start: number, summaries: SampleSummary[]): PackedSummaries {
  const n = summaries.length;
  const h = n ? summaries[0].headroom.length : 0,
    k = n ? summaries[0].inputs.length : 0;
  const out: PackedSummaries = {
    start,
    count: n,
    wall: new Int8Array(n),
    year: new Float64Array(n),
    headroom: new Float64Array(n * h),
    inputs: new Float64Array(n * k),
  };
  summaries.forEach((s, i) => {
    if (s.index !== start + i || s.headroom.length !== h || s.inputs.length !== k)
      throw new Error(`pack: summary ${s.index} out of order or of another shape`);
    out.wall[i] = s.first_wall === null ? -1 : WALLS.indexOf(s.first_wall);
    out.year[i] = s.first_wall_year ?? NaN;
    out.headroom.set(s.headroom, i * h);
    out.inputs.set(s.inputs, i * k);
  });
  return out;
}

export function transferList(p: PackedSummaries): ArrayBuffer[] {
  return [p.wall.buffer, p.year.buffer, p.headroom.buffer, p.inputs.buffer] as ArrayBuffer[];
}

export function unpack(p: PackedSummaries): SampleSummary[] {
  const h = p.count ? p.headroom.length / p.count : 0,
    k = p.count ? p.inputs.length / p.count : 0;
  return Array.from({ length: p.count }, (_, i) => ({
    index: p.start + i,
    first_wall: p.wall[i] < 0 ? null : (WALLS[p.wall[i]] as Wall),
    first_wall_year: Number.isNaN(p.year[i]) ? null : p.year[i],
    headroom: p.headroom.subarray(i * h, (i + 1) * h),
    inputs: p.inputs.subarray(i * k, (i + 1) * k),
  }));
}
