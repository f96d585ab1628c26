// A first-in first-out queue on a growable ring buffer: O(1) push and shift with no copying in
// steady state, for resource wait queues that hold thousands of waiters (Array#shift is O(n)).
// Invariant: items come out in the order they went in; remove() keeps the others' order.
export class Fifo<T> {
  private items: (T | null)[];
  private head: number;
  private n: number;
  private mask: number;

  constructor() {
    this.items = new Array<T | null>(16).fill(null);
    this.head = 0;
    this.n = 0;
    this.mask = 15;
  }

  get length(): number {
    return this.n;
  }

  push(item: T): void {
    if (this.n > this.mask) this.grow();
    this.items[(this.head + this.n) & this.mask] = item;
    this.n++;
  }

  /** The oldest item; the caller checks length > 0. */
  peek(): T {
    return this.items[this.head] as T;
  }

  /** Removes and returns the oldest item; the caller checks length > 0. */
  shift(): T {
    const h = this.head;
    const item = this.items[h] as T;
    this.items[h] = null;
    this.head = (h + 1) & this.mask;
    this.n--;
    return item;
  }

  /** Removes the first occurrence of `item` (O(n)); returns whether it was present. */
  remove(item: T): boolean {
    const { items, mask } = this;
    let k = 0;
    while (k < this.n && items[(this.head + k) & mask] !== item) k++;
    if (k === this.n) return false;
    // Close the gap by moving the later items one slot towards the head.
    for (; k < this.n - 1; k++) items[(this.head + k) & mask] = items[(this.head + k + 1) & mask];
    items[(this.head + this.n - 1) & mask] = null;
    this.n--;
    return true;
  }

  /** The items oldest first (a copy). */
  toArray(): T[] {
    const out: T[] = [];
    for (let k = 0; k < this.n; k++) out.push(this.items[(this.head + k) & this.mask] as T);
    return out;
  }

  private grow(): void {
    const items = new Array<T | null>((this.mask + 1) * 2).fill(null);
    for (let k = 0; k < this.n; k++) items[k] = this.items[(this.head + k) & this.mask];
    this.items = items;
    this.head = 0;
    this.mask = items.length - 1;
  }
}
