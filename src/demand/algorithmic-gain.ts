// Algorithmic efficiency: how much less physical compute a fixed capability needs over time.
// A halving time h (Ho et al. 2024: ~8 months) gives gain 2^(t/h); a slowdown s makes the halving
// time grow linearly, h(t) = h0 + s·t, so gain = 2^(ln(1 + s·t/h0) / s); a ceiling caps the gain.

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
