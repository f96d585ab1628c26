// A first-in first-out queue with O(1) push and shift (an array plus a moving head index), for
// resource wait queues that can hold thousands of waiters. Array.prototype.shift is O(n).
// Invariant: items come out in the order they went in; remove() keeps the others' order.
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item; the caller checks length > 0. */
  peek(): T {
    return this.items[this.head] as T;
  }

  /** Removes and returns the oldest item; the caller checks length > 0. */
  shift(): T {
    const items = this.items;
    const item = items[this.head] as T;
    items[this.head++] = undefined;
    if (this.head === items.length) {
      items.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= items.length) {
      // Reclaim the dead prefix once it is at least half the array (amortized O(1)).
      this.items = items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes the first occurrence of `item` (O(n)); returns whether it was present. */
  remove(item: T): boolean {
    const i = this.items.indexOf(item, this.head);
    if (i < 0) return false;
    this.items.splice(i, 1);
    return true;
  }

  /** The items oldest first (a copy). */
  toArray(): T[] {
    return this.items.slice(this.head) as T[];
  }
}
