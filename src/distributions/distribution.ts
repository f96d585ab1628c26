// What an uncertain parameter is: one of five distribution kinds, as written in a scenario where a
// number is expected (schemas/distribution.schema.json is the format). Invariant: a value that
// passes `isDistributionLike` is never a plain scenario object (scenario objects have no `dist` or
// `choice` key), so extraction can find distributions without knowing the scenario schema.

export interface Lognormal {
  dist: 'lognormal';
  median: number;
  p90: number;
}
export interface Triangular {
  dist: 'triangular';
  min: number;
  mode: number;
  max: number;
}
export interface Uniform {
  dist: 'uniform';
  min: number;
  max: number;
}
/** Normal, truncated to [min, max] when either bound is given. */
export interface Normal {
  dist: 'normal';
  mean: number;
  sd: number;
  min?: number;
  max?: number;
}
export interface Choice {
  choice: number[];
  weights?: number[];
}

export type Distribution = Lognormal | Triangular | Uniform | Normal | Choice;

/** An object with a `dist` or `choice` key: meant as a distribution (valid or not). */
export function isDistributionLike(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && ('dist' in v || 'choice' in v);
}

/** One uncertain input of a scenario: where it is, what it is, and its nominal value. */
export interface UncertainInput {
  /** JSON pointer in the merged scenario, e.g. "/demand/growth_per_year". */
  pointer: string;
  /** The same path as segments. */
  path: string[];
  /** `file:line:col` of the distribution in the layer that holds it. */
  where: string;
  spec: Distribution;
  /** The value the nominal scenario uses (median / mode / midpoint / mean / most likely choice). */
  nominal: number;
}
