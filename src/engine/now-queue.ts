// The "now" queue: a ring buffer for events triggered with zero delay at normal priority (a
// succeed(), a resource grant), which are most events in a busy model. They all carry time == now
// and increasing keys, so FIFO order is their (time, key) order and they need no heap.
// Invariant: keys strictly increase from head to tail; every entry's time is the clock's now
// (the clock cannot advance while this queue is non-empty; Environment guarantees that).
export class NowQueue<T> {
  private items: (T | null)[];
  private keys: Float64Array;
  private head = 0;
  private n = 0;
  private mask: number;

  constructor(initialCapacity = 256) {
    let cap = 4;
    while (cap < initialCapacity) cap *= 2;
    this.items = new Array<T | null>(cap).fill(null);
    this.keys = new Float64Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.n;
  }

  /** Key of the oldest entry; the caller checks size > 0. */
  headKey(): number {
    return this.keys[this.head];
  }

  push(key: number, item: T): void {
    if (this.n > this.mask) this.grow();
    const i = (this.head + this.n) & this.mask;
    this.items[i] = item;
    this.keys[i] = key;
    this.n++;
  }

  /** Removes and returns the oldest entry; the caller checks size > 0. */
  shift(): T {
    const h = this.head;
    const item = this.items[h] as T;
    this.items[h] = null;
    this.head = (h + 1) & this.mask;
    this.n--;
    return item;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const items = new Array<T | null>(cap).fill(null);
    const keys = new Float64Array(cap);
    for (let k = 0; k < this.n; k++) {
      const i = (this.head + k) & this.mask;
      items[k] = this.items[i];
      keys[k] = this.keys[i];
    }
    this.items = items;
    this.keys = keys;
    this.head = 0;
    this.mask = cap - 1;
  }
}
