// Cumulative synthetic tokens produced since the horizon start: the integral of a rate r0·g^t,
// r0·(g^t - 1)/ln g (r0·t when flat).

export function cumulativeSynthetic(ratePerYear: number, growthPerYear: number, years: number): number {
  if (years <= 0 || ratePerYear === 0) return 0;
  if (Math.abs(growthPerYear - 1) < 1e-12) return ratePerYear * years;
  return (ratePerYear * (Math.pow(growthPerYear, years) - 1)) / Math.log(growthPerYear);
}
