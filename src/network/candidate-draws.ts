// A routing stream's uniforms drawn in chunks (Rng.fill) and mapped once to the alias table's
// candidate expert, so the per-token loops read two typed arrays instead of stepping the stream
// and the table on every pick.
// Invariant: a chunk never holds more uniforms than the caller says it will still consume
// (`owed`), so the stream ends exactly where one next() per pick would leave it; u[i] and expert[i]
// come from the same uniform, in the stream's order.
import type { Rng } from '../engine/rng.ts';

/**
 * Uniforms per chunk: 32 KiB of doubles plus 16 KiB of indices stay in L1/L2; a chunk refill costs
 * one call, negligible at this size (4,096 = 2^12; a numerical setting, not a model parameter; E).
 */
const CHUNK = 4096;

export class CandidateDraws {
  readonly u = new Float64Array(CHUNK);
  /** expert[i]: the alias draw of u[i] (before the caller's distinct-expert and node checks). */
  readonly expert = new Int32Array(CHUNK);
  /** Next unread index, and how many of the chunk are drawn. */
  pos = 0;
  len = 0;

  constructor(
    private readonly rng: Rng,
    private readonly prob: Float64Array,
    private readonly alias: Int32Array,
  ) {}

  /** Index of the next uniform; `owed` (>= 1): uniforms the caller will consume from here at least. */
  take(owed: number): number {
    if (this.pos === this.len) this.refill(owed);
    return this.pos++;
  }

  /** Draws a fresh chunk of min(CHUNK, owed) uniforms and their candidate experts (Walker's alias). */
  refill(owed: number): void {
    const n = Math.min(CHUNK, owed);
    const { u, expert, prob, alias } = this;
    const N = prob.length;
    this.rng.fill(u, n);
    for (let i = 0; i < n; i++) {
      const x = u[i] * N;
      const j = x | 0;
      expert[i] = x - j < prob[j] ? j : alias[j];
    }
    this.pos = 0;
    this.len = n;
  }
}
