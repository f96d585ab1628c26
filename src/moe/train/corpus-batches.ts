// Training and validation data from the shipped corpus's token stream: the last VAL_FRACTION of the
// tokens is held out; training batches are windows of T+1 tokens starting at offsets drawn from the
// named stream `moe.train.batches`; evaluation reads non-overlapping windows in order.
// Invariant: the same seed gives the same batches whatever the balancing method.
import type { Rng } from '../../engine/rng.ts';

/** 10% held out: the usual small validation split (nanoGPT's shakespeare_char prepare.py uses 10%) [R]. */
export const VAL_FRACTION = 0.1;

export interface Split {
  train: Int32Array;
  val: Int32Array;
}

export function splitTokens(tokens: ArrayLike<number>, valFraction = VAL_FRACTION): Split {
  const all = Int32Array.from(tokens),
    cut = all.length - Math.round(valFraction * all.length);
  return { train: all.slice(0, cut), val: all.slice(cut) };
}

/** `seqs` random windows of T+1 tokens of `src` into out (seqs·(T+1)). */
export function sampleWindows(rng: Rng, src: Int32Array, seqs: number, T: number, out: Int32Array): void {
  if (src.length < T + 1) throw new RangeError(`${src.length} tokens cannot fill a window of ${T + 1}`);
  for (let b = 0; b < seqs; b++) {
    const start = rng.int(0, src.length - T - 1);
    out.set(src.subarray(start, start + T + 1), b * (T + 1));
  }
}

/** Non-overlapping windows of T+1 tokens in order (the tail that does not fill one is left out), in chunks of ≤ seqs. */
export function evalChunks(src: Int32Array, seqs: number, T: number): Int32Array[] {
  const count = Math.floor((src.length - 1) / T),
    chunks: Int32Array[] = [];
  for (let w0 = 0; w0 < count; w0 += seqs) {
    const k = Math.min(seqs, count - w0),
      out = new Int32Array(k * (T + 1));
    for (let b = 0; b < k; b++) out.set(src.subarray((w0 + b) * T, (w0 + b) * T + T + 1), b * (T + 1));
    chunks.push(out);
  }
  return chunks;
}
