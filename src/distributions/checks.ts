// Semantic checks on a distribution that passed schemas/distribution.schema.json: orderings the
// schema cannot express. Each problem names the key it is about, so it can be positioned there.
import type { Distribution } from './distribution.ts';
import { distMsg } from './messages.ts';

export interface DistProblem {
  /** Key inside the distribution object the problem is about. */
  key: string;
  text: string;
}

export function checkDistribution(ptr: string, d: Distribution): DistProblem[] {
  if ('choice' in d) {
    if (d.weights === undefined) return [];
    if (d.weights.length !== d.choice.length)
      return [{ key: 'weights', text: distMsg.weightsLength(ptr, d.choice.length, d.weights.length) }];
    return d.weights.reduce((s, w) => s + w, 0) > 0 ? [] : [{ key: 'weights', text: distMsg.weightsSum(ptr) }];
  }
  switch (d.dist) {
    case 'lognormal':
      return d.p90 > d.median ? [] : [{ key: 'p90', text: distMsg.p90NotAboveMedian(ptr, d.median, d.p90) }];
    case 'uniform':
      return d.min <= d.max ? [] : [{ key: 'min', text: distMsg.minAboveMax(ptr, d.min, d.max) }];
    case 'triangular':
      if (d.min > d.max) return [{ key: 'min', text: distMsg.minAboveMax(ptr, d.min, d.max) }];
      if (d.min === d.max) return [{ key: 'min', text: distMsg.triangularFlat(ptr, d.min) }];
      return d.mode >= d.min && d.mode <= d.max
        ? []
        : [{ key: 'mode', text: distMsg.modeOutside(ptr, d.min, d.mode, d.max) }];
    case 'normal': {
      const lo = d.min ?? -Infinity;
      const hi = d.max ?? Infinity;
      if (lo > hi) return [{ key: 'min', text: distMsg.minAboveMax(ptr, lo, hi) }];
      return d.mean >= lo && d.mean <= hi ? [] : [{ key: 'mean', text: distMsg.meanOutside(ptr, d.mean, lo, hi) }];
    }
  }
}
