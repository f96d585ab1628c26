// Small integer helpers of the plan enumeration (search.ts) and the local search (local-search.ts):
// the candidate parallel degrees are divisors, gcds and powers of two.

/** Divisors of n up to max (a loop to max, not to n: n reaches hundreds of thousands of GPUs). */
export const divisors = (n: number, max = n): number[] => {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, max); d++) if (n % d === 0) out.push(d);
  return out;
};

export const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** 1, 2, 4, ... up to max. */
export const powersOfTwo = (max: number): number[] => {
  const out: number[] = [];
  for (let x = 1; x <= max; x *= 2) out.push(x);
  return out;
};
