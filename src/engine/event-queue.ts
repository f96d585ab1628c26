// The event queue: a binary min-heap of items keyed by (time, key), where key packs
// (priority, insertion seq) into one float64 (see `packKey`). Times and keys live in two
// Float64Arrays beside a plain item array, so a comparison reads two numbers and allocates nothing.
// Invariant: pop() returns items in strictly increasing (time, key) order; keys are unique (the
// seq part is), so the order never depends on how the heap happens to be laid out.

/** Seq values per priority level: 2^40 (about 1.1e12 events in one run). */
export const SEQ_SPAN = 2 ** 40;
/** Largest priority: 4095 * 2^40 + 2^40 <= 2^52, so packed keys stay exact integers in a float64. */
export const MAX_PRIORITY = 4095;

/** Packs (priority, seq) so that comparing keys compares priority first, then seq. */
export function packKey(priority: number, seq: number): number {
  return priority * SEQ_SPAN + seq;
}

export class EventQueue<T> {
  private times: Float64Array;
  private keys: Float64Array;
  private items: (T | null)[];
  private n = 0;

  constructor(initialCapacity = 256) {
    const cap = Math.max(4, initialCapacity | 0);
    this.times = new Float64Array(cap);
    this.keys = new Float64Array(cap);
    this.items = new Array<T | null>(cap).fill(null);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the first item, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** Key of the first item; the caller checks size > 0. */
  peekKey(): number {
    return this.keys[0];
  }

  /** The first item (or null when empty), without removing it. */
  peekItem(): T | null {
    return this.n > 0 ? this.items[0] : null;
  }

  push(time: number, key: number, item: T): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const keys = this.keys;
    const items = this.items;
    let i = this.n++;
    // Sift the hole up until the parent is smaller; move parents down instead of swapping.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && keys[p] < key)) break;
      times[i] = pt;
      keys[i] = keys[p];
      items[i] = items[p];
      i = p;
    }
    times[i] = time;
    keys[i] = key;
    items[i] = item;
  }

  /** Removes and returns the first item; its time was peekTime() just before. Caller checks size. */
  pop(): T {
    const items = this.items;
    const top = items[0] as T;
    const last = --this.n;
    if (last > 0) {
      this.siftDown(0, this.times[last], this.keys[last], items[last] as T, last);
    }
    items[last] = null;
    return top;
  }

  /** Keeps only the items for which `keep` is true, then restores the heap (Floyd, O(n)). */
  retain(keep: (item: T) => boolean): void {
    const { times, keys, items } = this;
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      const it = items[i] as T;
      if (!keep(it)) continue;
      times[m] = times[i];
      keys[m] = keys[i];
      items[m] = it;
      m++;
    }
    for (let i = m; i < this.n; i++) items[i] = null;
    this.n = m;
    for (let i = (m >> 1) - 1; i >= 0; i--) {
      this.siftDown(i, times[i], keys[i], items[i] as T, m);
    }
  }

  /** Places (time, key, item) at hole i, moving smaller children up; heap size is n. */
  private siftDown(i: number, time: number, key: number, item: T, n: number): void {
    const times = this.times;
    const keys = this.keys;
    const items = this.items;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      let ct = times[c];
      let ck = keys[c];
      const r = c + 1;
      if (r < n) {
        const rt = times[r];
        if (rt < ct || (rt === ct && keys[r] < ck)) {
          c = r;
          ct = rt;
          ck = keys[r];
        }
      }
      if (time < ct || (time === ct && key < ck)) break;
      times[i] = ct;
      keys[i] = ck;
      items[i] = items[c];
      i = c;
    }
    times[i] = time;
    keys[i] = key;
    items[i] = item;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    const keys = new Float64Array(cap);
    times.set(this.times);
    keys.set(this.keys);
    this.times = times;
    this.keys = keys;
    for (let i = this.items.length; i < cap; i++) this.items.push(null);
  }
}
