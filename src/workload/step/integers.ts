// Small integer helpers of the plan enumeration (search.ts) and the local search (local-search.ts):
// the candidate parallel degrees are divisors, gcds and powers of two.

/** Divisors of n up to max (a loop to max, not to n: n reaches hundreds of thousands of GPUs). */
export const divisors = (n: number, max = n): number[] => {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(n, max); d++) if (n % d === 0) out.push(d);
  return out;
};

/** Divisor lists kept for the process (the local search asks for the same few counts in every
 * search of a run: pipeline degrees of a GPU count, expert degrees of a gcd); emptied past this many. */
const DIVISOR_LISTS_KEPT = 4096;
const divisorLists = new Map<number, readonly number[]>();

/** divisors(n, max) for integer n >= 1 and max < 4096, kept: shared, read only. */
export function keptDivisors(n: number, max = n): readonly number[] {
  const top = Math.min(n, max);
  if (!(Number.isSafeInteger(n) && n >= 1 && Number.isInteger(top) && top < 4096 && n < 2 ** 40))
    return divisors(n, max);
  const key = n * 4096 + top;
  let d = divisorLists.get(key);
  if (!d) {
    if (divisorLists.size >= DIVISOR_LISTS_KEPT) divisorLists.clear();
    divisorLists.set(key, (d = divisors(n, max)));
  }
  return d;
}

export const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** 1, 2, 4, ... up to max. */
export const powersOfTwo = (max: number): number[] => {
  const out: number[] = [];
  for (let x = 1; x <= max; x *= 2) out.push(x);
  return out;
};
