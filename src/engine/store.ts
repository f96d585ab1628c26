// A Store: a FIFO buffer of up to `capacity` items. `put(item)` waits while the store is full,
// `get()` waits while it is empty and succeeds with the oldest item.
// Invariant: 0 <= size <= capacity; items come out in the order they were accepted.
import { Event } from './event.ts';
import type { Environment } from './environment.ts';
import { BaseResource } from './base-resource.ts';
import { Fifo } from './fifo.ts';

export class StorePut<T> extends Event<void> {
  constructor(
    env: Environment,
    readonly item: T,
  ) {
    super(env);
  }
}

export class StoreGet<T> extends Event<T> {}

export class Store<T> extends BaseResource<StorePut<T>, StoreGet<T>> {
  private readonly items = new Fifo<T>();

  constructor(env: Environment, capacity = Infinity) {
    super(env, capacity);
  }

  /** Items currently held. */
  get size(): number {
    return this.items.length;
  }

  /** A copy of the held items, oldest first. */
  get contents(): T[] {
    return this.items.toArray();
  }

  /** Offers `item`; the event succeeds once the store has accepted it. */
  put(item: T): StorePut<T> {
    return this.enqueuePut(new StorePut(this.env, item));
  }

  /** Asks for the oldest item; the event succeeds with it. */
  get(): StoreGet<T> {
    return this.enqueueGet(new StoreGet<T>(this.env));
  }

  protected doPut(ev: StorePut<T>): boolean {
    if (this.items.length >= this.capacity) return false;
    this.items.push(ev.item);
    ev.succeed();
    return true;
  }

  protected doGet(ev: StoreGet<T>): boolean {
    if (this.items.length === 0) return false;
    ev.succeed(this.items.shift());
    return true;
  }
}
