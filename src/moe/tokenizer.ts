// Byte-level BPE tokenizer: GPT-2-style pre-tokenization into words, then merges learned from pair
// counts over the corpus's word types. Ids 0..255 are raw bytes, id 256+r is merge r.
// Invariants: training is deterministic (ties broken by the lower pair key); decode(encode(s)) = s
// for every well-formed Unicode string, since every byte has a token and words cover the text.

/** GPT-2's pre-tokenizer pattern (Radford et al. 2019, `encoder.py`), with Unicode classes. */
const WORD = /'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const utf8 = new TextEncoder();

export interface Bpe {
  /** merges[r] = [left id, right id] producing id 256 + r */
  merges: [number, number][];
  /** bytes of each token id */
  pieces: Uint8Array[];
}

const pairKey = (a: number, b: number): number => a * 65536 + b;
export const words = (text: string): string[] => text.match(WORD) ?? [];

/** Learn `count` merges from `text`; throws if the corpus runs out of pairs first. */
export function trainBpe(text: string, count: number): Bpe {
  const freq = new Map<string, number>();
  for (const w of words(text)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const types = [...freq.keys()].sort();
  const seqs = types.map((w) => Array.from(utf8.encode(w)));
  const weight = types.map((w) => freq.get(w) ?? 0);
  const merges: [number, number][] = [];
  const pieces: Uint8Array[] = Array.from({ length: 256 }, (_, i) => Uint8Array.of(i));
  for (let r = 0; r < count; r++) {
    const pairs = new Map<number, number>();
    seqs.forEach((s, wi) => {
      for (let i = 0; i + 1 < s.length; i++) {
        const k = pairKey(s[i], s[i + 1]);
        pairs.set(k, (pairs.get(k) ?? 0) + weight[wi]);
      }
    });
    let best = -1,
      bestCount = 0;
    for (const [k, c] of pairs)
      if (c > bestCount || (c === bestCount && k < best)) {
        best = k;
        bestCount = c;
      }
    if (best < 0) throw new Error(`corpus too small: only ${r} BPE merges possible, ${count} asked`);
    const a = Math.floor(best / 65536),
      b = best % 65536,
      id = 256 + r;
    merges.push([a, b]);
    pieces.push(concat(pieces[a], pieces[b]));
    for (const s of seqs) mergeInPlace(s, a, b, id);
  }
  return { merges, pieces };
}

function mergeInPlace(s: number[], a: number, b: number, id: number): void {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
      s[w++] = id;
      i++;
    } else s[w++] = s[i];
  }
  s.length = w;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export class Tokenizer {
  private readonly rank = new Map<number, number>();
  private readonly cache = new Map<string, number[]>();
  constructor(readonly bpe: Bpe) {
    bpe.merges.forEach(([a, b], r) => this.rank.set(pairKey(a, b), r));
  }

  get vocabSize(): number {
    return this.bpe.pieces.length;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const w of words(text)) {
      let ids = this.cache.get(w);
      if (!ids) {
        ids = this.encodeWord(w);
        this.cache.set(w, ids);
      }
      for (const id of ids) out.push(id);
    }
    return out;
  }

  /** Apply merges lowest rank first, as in training order. */
  private encodeWord(w: string): number[] {
    const s = Array.from(utf8.encode(w));
    for (;;) {
      let bestRank = Infinity,
        at = -1;
      for (let i = 0; i + 1 < s.length; i++) {
        const r = this.rank.get(pairKey(s[i], s[i + 1]));
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          at = i;
        }
      }
      if (at < 0) return s;
      const [a, b] = this.bpe.merges[bestRank];
      mergeInPlace(s, a, b, 256 + bestRank);
    }
  }

  decode(ids: number[]): string {
    const parts = ids.map((id) => {
      const p = this.bpe.pieces[id];
      if (!p) throw new RangeError(`token id ${id} outside the vocabulary of ${this.vocabSize}`);
      return p;
    });
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      bytes.set(p, o);
      o += p.length;
    }
    return new TextDecoder('utf-8').decode(bytes);
  }
}
