// The one primitive: an Event that is pending, then triggered (succeeded or failed, and scheduled),
// then processed (its callbacks have run). Timeouts, processes, conditions and resource requests
// are all events, so nothing needs a private scheduler.
// Invariant: an event is triggered at most once; callbacks run exactly once, in the order added;
// a failed event that no callback defused stops the run with its error (see Environment.step).
import type { Environment } from './environment.ts';

/** @internal What a waiting process looks like to an event (avoids importing Process here). */
export interface Waiter {
  _resume(event: Event<unknown>): void;
}

/** Lifecycle states, kept as small integers because they are read on every step. */
export const EventState = {
  PENDING: 0,
  TRIGGERED: 1,
  PROCESSED: 2,
  /** A cancelled Timer: still in the heap, skipped (lazily deleted) when it reaches the top. */
  CANCELLED: 3,
} as const;
export type EventState = (typeof EventState)[keyof typeof EventState];

/** Scheduling priorities (lower runs first at equal times), as in SimPy. */
export const Priority = { URGENT: 0, NORMAL: 1 } as const;

/** Internal callback shape; independent of T so Event<T> stays covariant in T. */
export type EventCallback = (event: Event<unknown>) => void;

export class Event<T = unknown> {
  readonly env: Environment;
  /** @internal */ _state: EventState;
  /** @internal */ _ok: boolean;
  /** @internal */ _defused: boolean;
  /** @internal */ _value: unknown;
  // First callback inline, the rest in an array allocated only when a second one arrives:
  // most events (a timeout a process waits on) have exactly one.
  /** @internal */ _cb1: EventCallback | null;
  /** @internal */ _cbs: EventCallback[] | null;
  // Fastest path: the single process waiting on this event, called directly (no closure). Only
  // used while no callback was added before it, so it always runs first and order is kept.
  /** @internal */ _waiter: Waiter | null;

  // Fields are assigned here rather than with class-field initializers: on Node 20 (V8 11.3)
  // initializers run as a separate synthetic function, measurably slower on this hot path.
  constructor(env: Environment) {
    this.env = env;
    this._state = EventState.PENDING;
    this._ok = true;
    this._defused = false;
    this._value = undefined;
    this._cb1 = null;
    this._cbs = null;
    this._waiter = null;
  }

  /** True once succeed/fail was called (or for a timeout, from creation). */
  get triggered(): boolean {
    return this._state !== EventState.PENDING;
  }

  /** True once the event's callbacks have run. */
  get processed(): boolean {
    return this._state === EventState.PROCESSED;
  }

  /** Whether the event succeeded. Throws if it has not been triggered yet. */
  get ok(): boolean {
    if (this._state === EventState.PENDING) throw new Error('ok of a pending event is not yet available');
    return this._ok;
  }

  /** The success value or the failure error. Throws if it has not been triggered yet. */
  get value(): T {
    if (this._state === EventState.PENDING) throw new Error('value of a pending event is not yet available');
    return this._value as T;
  }

  /** A failed event is "defused" once someone handled its error; else the run stops with it. */
  get defused(): boolean {
    return this._defused;
  }
  set defused(v: boolean) {
    this._defused = v;
  }

  /** Marks the event successful with `value` and schedules it at the current time. */
  succeed(value?: T): this {
    if (this._state !== EventState.PENDING) throw alreadyTriggered();
    this._value = value;
    this._state = EventState.TRIGGERED;
    this.env._scheduleNow(this);
    return this;
  }

  /** Marks the event failed with `error` and schedules it at the current time. */
  fail(error: unknown): this {
    if (this._state !== EventState.PENDING) throw alreadyTriggered();
    this._ok = false;
    this._value = error;
    this._state = EventState.TRIGGERED;
    this.env._scheduleNow(this);
    return this;
  }

  /** Runs `cb(this)` when the event is processed. Throws if it was processed already. */
  addCallback(cb: (event: Event<T>) => void): void {
    if (this._state === EventState.PROCESSED) throw new Error('event has already been processed');
    const fn = cb as unknown as EventCallback;
    if (this._cb1 === null && this._cbs === null && this._waiter === null) this._cb1 = fn;
    else if (this._cbs === null) this._cbs = [fn];
    else this._cbs.push(fn);
  }

  /** Removes one registration of `cb`; returns whether it was registered. */
  removeCallback(cb: (event: Event<T>) => void): boolean {
    const fn = cb as unknown as EventCallback;
    if (this._cb1 === fn) {
      this._cb1 = null;
      return true;
    }
    const cbs = this._cbs;
    if (cbs === null) return false;
    const i = cbs.indexOf(fn);
    if (i < 0) return false;
    cbs.splice(i, 1);
    return true;
  }

  /** @internal Runs the callbacks once; called by the Environment when the event is popped. */
  _process(): void {
    this._state = EventState.PROCESSED;
    const waiter = this._waiter;
    const cb1 = this._cb1;
    const cbs = this._cbs;
    this._waiter = null;
    this._cb1 = null;
    this._cbs = null;
    if (waiter !== null) waiter._resume(this);
    if (cb1 !== null) cb1(this);
    if (cbs !== null) for (let i = 0; i < cbs.length; i++) cbs[i](this);
  }
}

/** Built out of line so succeed/fail stay small enough to inline on the grant path. */
function alreadyTriggered(): Error {
  return new Error('event has already been triggered');
}
