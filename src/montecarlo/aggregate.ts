// Statistics of a sweep from its per-sample summaries (simple-statistics; quantiles are R-7, as in
// numpy and d3). Summaries are sorted by index first, so the result does not depend on which
// worker or shard produced which sample. Invariant: the output is a pure function of the summaries.
import { mean, quantileSorted, sampleRankCorrelation } from 'simple-statistics';
import { WALLS } from '../walls/registry.ts';
import type { UncertainInput } from '../distributions/distribution.ts';
import type { SampleSummary } from './summary.ts';
import {
  RESULT_FORMAT,
  type InputSummary,
  type Quantiles,
  type SweepHeader,
  type SweepResult,
  type WallProbability,
} from './sweep-result.ts';
import { wilsonInterval } from './wilson.ts';

function quantiles(values: ArrayLike<number>): Quantiles {
  const sorted = Float64Array.from(values).sort();
  const [p5, p50, p95] = [0.05, 0.5, 0.95].map((p) => quantileSorted(sorted as unknown as number[], p));
  return { p5, p50, p95 };
}

function probability(wall: WallProbability['wall'], count: number, n: number): WallProbability {
  const ci = wilsonInterval(count, n);
  return { wall, count, probability: count / n, ci_low: ci.low, ci_high: ci.high };
}

function firstWall(samples: SampleSummary[]): WallProbability[] {
  const n = samples.length;
  const count = (w: string | null) => samples.filter((s) => s.first_wall === w).length;
  return [...WALLS.map((w) => probability(w, count(w), n)), probability('none', count(null), n)];
}

function firstWallYear(samples: SampleSummary[]): SweepResult['first_wall_year'] {
  const years = samples.flatMap((s) => (s.first_wall_year === null ? [] : [s.first_wall_year]));
  const share_none = (samples.length - years.length) / samples.length;
  return years.length
    ? { samples_with_wall: years.length, share_none, ...quantiles(years) }
    : { samples_with_wall: 0, share_none };
}

function headroom(samples: SampleSummary[], years: number[]): SweepResult['headroom'] {
  const column = new Float64Array(samples.length);
  return WALLS.map((wall, j) => ({
    wall,
    steps: years.map((year, i) => {
      samples.forEach((s, k) => {
        column[k] = s.headroom[i * WALLS.length + j];
      });
      return { year, ...quantiles(column) };
    }),
  }));
}

/** First-wall year for ranking: samples with no wall rank after every year (ties among themselves). */
export function rankableYear(s: SampleSummary, endYear: number): number {
  return s.first_wall_year ?? endYear + 1;
}

export function spearman(x: number[], y: number[]): number | null {
  const r = x.length > 1 ? sampleRankCorrelation(x, y) : NaN;
  return Number.isFinite(r) ? r : null;
}

function inputSummaries(samples: SampleSummary[], inputs: UncertainInput[], endYear: number): InputSummary[] {
  const year = samples.map((s) => rankableYear(s, endYear));
  return inputs.map((d, k) => {
    const values = samples.map((s) => s.inputs[k]);
    return {
      pointer: d.pointer,
      where: d.where,
      spec: d.spec,
      nominal: d.nominal,
      sampled: { mean: mean(values), ...quantiles(values) },
      spearman_first_wall_year: spearman(values, year),
    };
  });
}

export function aggregate(header: SweepHeader, inputs: UncertainInput[], unsorted: SampleSummary[]): SweepResult {
  const samples = [...unsorted].sort((a, b) => a.index - b.index);
  if (samples.length !== header.samples)
    throw new Error(`aggregate: ${samples.length} summaries for ${header.samples} samples`);
  return {
    format: RESULT_FORMAT,
    ...header,
    first_wall: { confidence: 0.95, interval: 'wilson', walls: firstWall(samples) },
    first_wall_year: firstWallYear(samples),
    headroom: headroom(samples, header.years),
    inputs: inputSummaries(samples, inputs, header.end_year),
  };
}
