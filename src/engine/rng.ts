// Seeded random numbers. An Rng is one independent stream; `RandomStreams` hands out streams by
// name, each derived from (seed, name) alone, so adding a stream never shifts another one.
// Invariant: nothing here touches Math.random; the same (seed, name) gives the same sequence.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Writes the next n uniforms into out[0..n): the numbers n calls of next() would return, in order. */
  fill(out: Float64Array, n: number): void;
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
  return new AleaRng(seed, name);
}

/** Alea's step constant and 2^-32 (Baagoe's Alea, as in seedrandom's lib/alea.js). */
const ALEA_A = 2091639;
const TWO_POW_M32 = 2.3283064365386963e-10;

/** Baagoe's Mash over `data`, from its running value `n` (seedrandom's lib/alea.js keeps n in a
 * closure): returns the new n, whose hash is (n >>> 0) * 2^-32. */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000; // 2^32
  }
  return n;
}

/** Alea's seeding before the seed: Mash from its start value (0xefc8249d) over ' ' three times, the
 * three hashes the state starts from, and the running value the seed's hashes continue from. */
const MASH_START = (() => {
  const n1 = mash(0xefc8249d, ' ');
  const n2 = mash(n1, ' ');
  const n3 = mash(n2, ' ');
  return { n: n3, s0: (n1 >>> 0) * TWO_POW_M32, s1: (n2 >>> 0) * TWO_POW_M32, s2: (n3 >>> 0) * TWO_POW_M32 };
})();

/**
 * One stream: seedrandom's alea (fast, period ~2^116, string seeds mixed well; seedrandom README),
 * stepped here with the same arithmetic on fields of this object, so the sequence is bit for bit
 * seedrandom's (a test checks it) while V8 can inline a draw into its caller (seedrandom's closures
 * cost a call and a boxed double per draw).
 */
class AleaRng implements Rng {
  readonly name: string;
  /** Also callable detached (`const next = rng.next`), as the closure-based streams were. */
  readonly next: () => number;
  private readonly seed: string | number;
  // Initialized to the number 0 (not left undefined): V8 then keeps these as in-place double
  // fields, and a draw's four stores allocate nothing (an undefined start boxes every store).
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private c = 0;

  constructor(seed: string | number, name: string) {
    // Seeding is Alea's (Baagoe's Mash, as seedrandom's lib/alea.js seeds it), written out below
    // with the same arithmetic: seedrandom's seeding built an Alea, its closures and a state copy
    // for each stream, a visible part of a short run (a test checks the state bit for bit).
    const key = `${seed}/${name}`;
    let n = mash(MASH_START.n, key);
    let s0 = MASH_START.s0 - (n >>> 0) * TWO_POW_M32;
    if (s0 < 0) s0 += 1;
    n = mash(n, key);
    let s1 = MASH_START.s1 - (n >>> 0) * TWO_POW_M32;
    if (s1 < 0) s1 += 1;
    n = mash(n, key);
    let s2 = MASH_START.s2 - (n >>> 0) * TWO_POW_M32;
    if (s2 < 0) s2 += 1;
    this.name = name;
    this.next = () => this.draw();
    this.seed = seed;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = 1;
  }

  /** One Alea step: the next uniform in [0, 1). */
  draw(): number {
    const t = ALEA_A * this.s0 + this.c * TWO_POW_M32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    this.s2 = t - this.c;
    return this.s2;
  }

  /**
   * Bulk draws for hot loops. Alea's t = A s0 + c 2^-32 is exact in doubles (s0 = k 2^-32 and
   * A k + c < 2^53), so it splits exactly: floor(t) = floor(A s0) + carry, where the carry is 1 only
   * when frac(A s0) + c 2^-32 >= 1 (probability ~2^-11). The rarely taken branch takes c out of the
   * step-to-step dependency chain, and the state lives in registers: ~2 ns a draw instead of ~8.
   */
  fill(out: Float64Array, n: number): void {
    let s0 = this.s0,
      s1 = this.s1,
      s2 = this.s2,
      carryIn = this.c * TWO_POW_M32;
    for (let i = 0; i < n; i++) {
      const x = ALEA_A * s0;
      let c = Math.floor(x);
      let s = x - c + carryIn;
      // both outcomes computed on every step, so the rare branch holds only moves (no arithmetic
      // without type feedback, which would make V8 throw away compiled callers the first time)
      const sCarried = s - 1,
        cCarried = c + 1;
      if (s >= 1) {
        s = sCarried;
        c = cCarried;
      }
      carryIn = c * TWO_POW_M32;
      s0 = s1;
      s1 = s2;
      s2 = s;
      out[i] = s;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = (carryIn / TWO_POW_M32) | 0;
  }

  int(lo: number, hi: number): number {
    if (!(hi >= lo)) throw new RangeError(`int(${lo}, ${hi}): hi must be >= lo`);
    return lo + Math.floor(this.draw() * (hi - lo + 1));
  }

  exponential(mean: number): number {
    if (!(mean > 0)) throw badMean(mean);
    // 1 - u is in (0, 1], so the log is finite.
    return -mean * Math.log(1 - this.draw());
  }

  normal(mean: number, sd: number): number {
    const u1 = 1 - this.draw();
    const u2 = this.draw();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  fork(child: string): Rng {
    return createRng(this.seed, `${this.name}/${child}`);
  }
}

function badMean(mean: number): RangeError {
  return new RangeError(`exponential(${mean}): mean must be > 0`);
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
