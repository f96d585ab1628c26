// A countdown latch: calls `fn` once after `n` arrivals (immediately if n is 0). Collectives use it
// for "the collective completes when its last flow does".
// Invariant: fn runs exactly once; arrivals after that are an error (a double-counted flow).
export function countdown(n: number, fn: () => void): () => void {
  let left = n;
  if (left === 0) fn();
  return () => {
    if (left <= 0) throw new Error('countdown: more arrivals than expected');
    if (--left === 0) fn();
  };
}
