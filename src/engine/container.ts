// A Container: a continuous amount (a level) between 0 and `capacity`. `put(amount)` waits until
// there is room for all of it, `get(amount)` until that much is there; the get succeeds with the
// amount. Amounts are plain floats, so a level may carry rounding noise of a few ulps.
// Invariant: 0 <= level <= capacity; puts and gets are each served in arrival order (a large
// waiting amount blocks smaller later ones, as in SimPy).
import { Event } from './event.ts';
import type { Environment } from './environment.ts';
import { BaseResource } from './base-resource.ts';

export class ContainerPut extends Event<void> {
  constructor(
    env: Environment,
    readonly amount: number,
  ) {
    super(env);
  }
}

export class ContainerGet extends Event<number> {
  constructor(
    env: Environment,
    readonly amount: number,
  ) {
    super(env);
  }
}

export class Container extends BaseResource<ContainerPut, ContainerGet> {
  private _level: number;

  constructor(env: Environment, capacity = Infinity, init = 0) {
    super(env, capacity);
    if (!(init >= 0 && init <= capacity)) throw new RangeError(`init must be in [0, capacity] (got ${init})`);
    this._level = init;
  }

  /** The amount currently held. */
  get level(): number {
    return this._level;
  }

  /** Adds `amount` (> 0, <= capacity) once it fits. */
  put(amount: number): ContainerPut {
    this.checkAmount(amount);
    return this.enqueuePut(new ContainerPut(this.env, amount));
  }

  /** Takes `amount` (> 0, <= capacity) once it is there; succeeds with the amount. */
  get(amount: number): ContainerGet {
    this.checkAmount(amount);
    return this.enqueueGet(new ContainerGet(this.env, amount));
  }

  protected doPut(ev: ContainerPut): boolean {
    if (this.capacity - this._level < ev.amount) return false;
    this._level += ev.amount;
    ev.succeed();
    return true;
  }

  protected doGet(ev: ContainerGet): boolean {
    if (this._level < ev.amount) return false;
    this._level -= ev.amount;
    ev.succeed(ev.amount);
    return true;
  }

  // An amount above capacity could never be served and would block its queue forever.
  private checkAmount(amount: number): void {
    if (!(amount > 0) || !Number.isFinite(amount) || amount > this.capacity) {
      throw new RangeError(`amount must be finite, > 0 and <= capacity ${this.capacity} (got ${amount})`);
    }
  }
}
