// Algorithmic efficiency: how much less physical compute a fixed capability needs over time.
// A halving time h (Ho et al. 2024: ~8 months) gives gain 2^(t/h); a slowdown s makes the halving
// time grow linearly, h(t) = h0 + s·t, so gain = 2^(ln(1 + s·t/h0) / s); a ceiling caps the gain.
// The algorithms wall's headroom is the gain achieved over the gain the demand path assumes.
import { assessWall } from './wall.ts';
import type { WallAssessment } from '../model/result.ts';

export interface AlgorithmParams {
  halving_years: number;
  halving_slowdown_per_year: number;
  max_gain: number;
}

/** Cumulative algorithmic gain `years` after the horizon start (1 at the start). */
export function algorithmicGain(a: AlgorithmParams, years: number): number {
  if (years <= 0) return 1;
  // ln(1 + x)/s written as (t/h0)·ln(1 + x)/x with x = s·t/h0, stable as s -> 0 (ln(1+x)/x -> 1 - x/2).
  const x = (a.halving_slowdown_per_year * years) / a.halving_years;
  const slowdown = x < 1e-8 ? 1 - x / 2 : Math.log1p(x) / x;
  const doublings = (years / a.halving_years) * slowdown;
  return Math.min(a.max_gain, Math.pow(2, doublings));
}

/**
 * permitted = the physical FLOP the demand path budgeted (effective target / assumed gain);
 * target = the physical FLOP needed with the gain actually achieved. Headroom = achieved / assumed.
 */
export function algorithmsWall(targetEffectiveFlop: number, achievedGain: number, assumedGain: number): WallAssessment {
  const needed = targetEffectiveFlop / achievedGain;
  const budgeted = targetEffectiveFlop / assumedGain;
  const limited = achievedGain < assumedGain ? 'progress below the assumed rate' : 'progress at or above the assumed rate';
  return assessWall(budgeted, needed, limited);
}
