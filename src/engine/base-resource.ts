// The template for everything that is queued for: a base that owns a put queue and a get queue and
// their invariant, and concrete resources (Resource, Store, Container) that implement only
// doPut/doGet, as SimPy's resources/base.py does.
// Invariant: both queues are served strictly first-in first-out (a waiter never overtakes an
// earlier one in its queue, as in SimPy), and after any change the base retries both queues until
// neither can proceed, so no satisfiable request is left waiting.
import type { Event } from './event.ts';
import type { Environment } from './environment.ts';
import { Fifo } from './fifo.ts';

export abstract class BaseResource<P extends Event<unknown>, G extends Event<unknown>> {
  readonly env: Environment;
  readonly capacity: number;
  protected readonly putQueue = new Fifo<P>();
  protected readonly getQueue = new Fifo<G>();

  constructor(env: Environment, capacity: number) {
    if (!(capacity > 0)) throw new RangeError(`capacity must be > 0 (got ${capacity})`);
    this.env = env;
    this.capacity = capacity;
  }

  /** Tries to satisfy `ev` now; if it can, it must trigger `ev` and return true. */
  protected abstract doPut(ev: P): boolean;
  /** Tries to satisfy `ev` now; if it can, it must trigger `ev` and return true. */
  protected abstract doGet(ev: G): boolean;

  /** Waiting puts (not yet satisfied). */
  get putQueueLength(): number {
    return this.putQueue.length;
  }

  /** Waiting gets (not yet satisfied). */
  get getQueueLength(): number {
    return this.getQueue.length;
  }

  /** Withdraws a put or get that is still waiting; returns false if it was not waiting. */
  cancel(ev: P | G): boolean {
    if (ev.triggered) return false;
    const removed = this.putQueue.remove(ev as P) || this.getQueue.remove(ev as G);
    // The head may have been the one blocking the others.
    if (removed) this.settle();
    return removed;
  }

  /** Queues a put and serves what can be served. */
  protected enqueuePut(ev: P): P {
    this.putQueue.push(ev);
    this.settle();
    return ev;
  }

  /** Queues a get and serves what can be served. */
  protected enqueueGet(ev: G): G {
    this.getQueue.push(ev);
    this.settle();
    return ev;
  }

  /** Serves both queues head first until neither can proceed. */
  protected settle(): void {
    const puts = this.putQueue;
    const gets = this.getQueue;
    for (;;) {
      while (puts.length > 0 && this.doPut(puts.peek())) puts.shift();
      let served = 0;
      while (gets.length > 0 && this.doGet(gets.peek())) {
        gets.shift();
        served++;
      }
      // Only a served get can make room for a waiting put; otherwise we are done.
      if (served === 0 || puts.length === 0) return;
    }
  }
}
