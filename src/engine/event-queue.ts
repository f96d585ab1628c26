// The event queue: a binary min-heap of items keyed by (time, key), where key packs
// (priority, insertion seq) into one float64 (see `packKey`). Times and keys live in two
// Float64Arrays and the heap orders slot numbers (an Int32Array) into a plain item array, so a
// comparison reads two numbers, a sift moves only numbers, and nothing is allocated.
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
  // The heap orders slot numbers, not items: an item is stored once, in `items[slot]`, when it is
  // pushed, and sifting moves only numbers. (Moving item pointers inside a long-lived array costs
  // V8 a write-barrier call per move when the item is young, i.e. for almost every event.)
  private slots: Int32Array;
  private items: (T | null)[];
  // Free slots as a stack: the top is free[capacity - 1 - n]; with n items in the heap exactly
  // capacity - n slots are free.
  private free: Int32Array;
  private n = 0;

  constructor(initialCapacity = 256) {
    const cap = Math.max(4, initialCapacity | 0);
    this.times = new Float64Array(cap);
    this.keys = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.items = new Array<T | null>(cap).fill(null);
    this.free = new Int32Array(cap);
    for (let k = 0; k < cap; k++) this.free[k] = cap - 1 - k;
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
    return this.n > 0 ? this.items[this.slots[0]] : null;
  }

  push(time: number, key: number, item: T): void {
    if (this.n === this.free.length) this.grow();
    const free = this.free;
    const slot = free[free.length - 1 - this.n];
    this.items[slot] = item;
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
    let i = this.n++;
    // Sift the hole up until the parent is smaller; move parents down instead of swapping.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && keys[p] < key)) break;
      times[i] = pt;
      keys[i] = keys[p];
      slots[i] = slots[p];
      i = p;
    }
    times[i] = time;
    keys[i] = key;
    slots[i] = slot;
  }

  /** Removes and returns the first item; its time was peekTime() just before. Caller checks size. */
  pop(): T {
    const items = this.items;
    const slots = this.slots;
    const top = slots[0];
    const item = items[top] as T;
    items[top] = null;
    const last = --this.n;
    this.free[this.free.length - 1 - last] = top;
    if (last > 0) this.siftDown(0, this.times[last], this.keys[last], slots[last], last);
    return item;
  }

  /** Keeps only the items for which `keep` is true, then restores the heap (Floyd, O(n)). */
  retain(keep: (item: T) => boolean): void {
    const { times, keys, slots, items, free } = this;
    const cap = free.length;
    const used = new Uint8Array(cap);
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      const s = slots[i];
      if (!keep(items[s] as T)) {
        items[s] = null;
        continue;
      }
      used[s] = 1;
      times[m] = times[i];
      keys[m] = keys[i];
      slots[m] = s;
      m++;
    }
    this.n = m;
    let k = 0;
    for (let s = cap - 1; s >= 0; s--) if (used[s] === 0) free[k++] = s;
    for (let i = (m >> 1) - 1; i >= 0; i--) {
      this.siftDown(i, times[i], keys[i], slots[i], m);
    }
  }

  /** Places (time, key, slot) at hole i, moving smaller children up; heap size is n. */
  private siftDown(i: number, time: number, key: number, slot: number, n: number): void {
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
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
      slots[i] = slots[c];
      i = c;
    }
    times[i] = time;
    keys[i] = key;
    slots[i] = slot;
  }

  /** Doubles the capacity (only when full, so the new slots are exactly the free ones). */
  private grow(): void {
    const old = this.times.length;
    const cap = old * 2;
    const times = new Float64Array(cap);
    const keys = new Float64Array(cap);
    const slots = new Int32Array(cap);
    times.set(this.times);
    keys.set(this.keys);
    slots.set(this.slots);
    this.times = times;
    this.keys = keys;
    this.slots = slots;
    for (let i = old; i < cap; i++) this.items.push(null);
    const free = new Int32Array(cap);
    for (let k = 0; k < cap - old; k++) free[k] = cap - 1 - k;
    this.free = free;
  }
}
