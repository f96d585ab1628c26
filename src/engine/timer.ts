// A cancellable scheduled call: `env.schedule(delay, fn, arg)` runs `fn(arg)` at now + delay
// unless `cancel()` was called first. Built for models that re-time the same completion often
// (a fluid flow whose rate changes): cancelling is O(1) and the heap entry is deleted lazily.
// Invariant: fn runs at most once, and never after a successful cancel().
import { Event, EventState, STATE_MASK, type EventCallback } from './event.ts';
import type { Environment } from './environment.ts';

export class Timer<A = undefined> extends Event<void> {
  /** Absolute time the call is (or was) due. */
  readonly time: number;
  private readonly fn: (arg: A) => void;
  private readonly arg: A;

  /** @internal Use `env.schedule(...)`. */
  constructor(env: Environment, time: number, fn: (arg: A) => void, arg: A) {
    super(env);
    this.time = time;
    this.fn = fn;
    this.arg = arg;
    this._flags = EventState.TRIGGERED;
    this._cbs = fireTimer;
  }

  /** True while the call is still due (not yet run and not cancelled). */
  get active(): boolean {
    return (this._flags & STATE_MASK) === EventState.TRIGGERED;
  }

  /** Cancels the call; returns false if it already ran or was already cancelled. */
  cancel(): boolean {
    if (!this.active) return false;
    this._flags = EventState.CANCELLED;
    this._cbs = null;
    this.env._noteCancelled();
    return true;
  }

  /** @internal */
  _fire(): void {
    this.fn(this.arg);
  }
}

// One shared function (no closure per timer) that dispatches to the timer's own fn.
const fireTimer: EventCallback = (ev) => (ev as Timer<unknown>)._fire();
