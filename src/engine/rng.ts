// Seeded random numbers. An Rng is one independent stream; `RandomStreams` hands out streams by
// name, each derived from (seed, name) alone, so adding a stream never shifts another one.
// Invariant: nothing here touches Math.random; the same (seed, name) gives the same sequence.
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** Exponential with the given mean (> 0). */
  exponential(mean: number): number;
  /** Normal (Box-Muller, one draw per call pair is discarded for simplicity and independence). */
  normal(mean: number, sd: number): number;
  /** A child stream whose seed is this stream's name plus `/name`. */
  fork(name: string): Rng;
  readonly name: string;
}

export function createRng(seed: string | number, name: string): Rng {
  const key = `${seed}/${name}`;
  // alea: fast, period ~2^116, string seeds mixed well (seedrandom README).
  const prng = seedrandom.alea(key);
  const next = (): number => prng();
  return {
    name,
    next,
    int(lo, hi) {
      if (!(hi >= lo)) throw new RangeError(`int(${lo}, ${hi}): hi must be >= lo`);
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    exponential(mean) {
      if (!(mean > 0)) throw new RangeError(`exponential(${mean}): mean must be > 0`);
      // 1 - u is in (0, 1], so the log is finite.
      return -mean * Math.log(1 - next());
    },
    normal(mean, sd) {
      const u1 = 1 - next();
      const u2 = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    fork(child) {
      return createRng(seed, `${name}/${child}`);
    },
  };
}

/** Named, independent streams derived from one scenario seed: `streams.get('power.lead_time')`. */
export class RandomStreams {
  private readonly cache = new Map<string, Rng>();
  constructor(readonly seed: string | number) {}

  get(name: string): Rng {
    let rng = this.cache.get(name);
    if (!rng) {
      rng = createRng(this.seed, name);
      this.cache.set(name, rng);
    }
    return rng;
  }

  /** Streams for replication/sample i, independent of every other i. */
  forSample(index: number): RandomStreams {
    return new RandomStreams(`${this.seed}/sample:${index}`);
  }
}
