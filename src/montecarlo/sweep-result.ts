// The result of a sweep, what `sweep --out DIR` and `merge` write as DIR/sweep.json. It holds only
// statistics of the per-sample summaries, never how the work was split, so the sharded and the
// unsharded run give byte-identical files. Probabilities carry a 95% Wilson score interval.
import type { Wall } from '../walls/registry.ts';
import type { Distribution } from '../distributions/distribution.ts';
import type { ModelSeedMode } from './sample.ts';

export interface Quantiles {
  p5: number;
  p50: number;
  p95: number;
}

export interface WallProbability {
  wall: Wall | 'none';
  count: number;
  probability: number;
  ci_low: number;
  ci_high: number;
}

export interface InputSummary {
  pointer: string;
  where: string;
  spec: Distribution;
  nominal: number;
  sampled: Quantiles & { mean: number };
  /** Spearman rank correlation with the first-wall year (no wall within the horizon ranks last); null when undefined (a constant input or year). */
  spearman_first_wall_year: number | null;
}

export interface SweepHeader {
  firstwall_version: string;
  scenario: { name: string; file: string; hash: string };
  seed: number;
  samples: number;
  model_seed: ModelSeedMode;
  years: number[];
  end_year: number;
}

export const RESULT_FORMAT = 'firstwall-sweep-result/1';

export interface SweepResult extends SweepHeader {
  format: typeof RESULT_FORMAT;
  first_wall: { confidence: 0.95; interval: 'wilson'; walls: WallProbability[] };
  /** Quantiles over the samples that hit a wall within the horizon; share_none is the rest. */
  first_wall_year: Partial<Quantiles> & { samples_with_wall: number; share_none: number };
  /** Per wall, per step: quantiles of headroom across samples. */
  headroom: { wall: Wall; steps: (Quantiles & { year: number })[] }[];
  inputs: InputSummary[];
}
