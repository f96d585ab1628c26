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

// @internal Event._flags packs the lifecycle state (low two bits, an EventState) with two
// outcome bits, so an event is 5 fields: fewer stores per event and less for the GC to sweep.
/** @internal Mask of the EventState bits in `_flags`. */
export const STATE_MASK = 3;
/** @internal The event failed (its `_value` is the error). */
export const FAILED = 4;
/** @internal A failure someone handled: it does not stop the run. */
export const DEFUSED = 8;
// The hot paths (Event's own methods here, Environment's run loop and timeout, Process._resume)
// write these bits as number literals, with the name in a comment: under isolatedModules tsc
// keeps even a const enum as an object, and TurboFan code reads an imported binding through its
// module cell with a hole check on every use. checkBitLiterals() below keeps the two in step.

/** Scheduling priorities (lower runs first at equal times), as in SimPy. */
export const Priority = { URGENT: 0, NORMAL: 1 } as const;

/** Internal callback shape; independent of T so Event<T> stays covariant in T. */
export type EventCallback = (event: Event<unknown>) => void;

export class Event<T = unknown> {
  readonly env: Environment;
  /** @internal EventState in the low bits, plus FAILED and DEFUSED. */ _flags: number;
  /** @internal */ _value: unknown;
  // Fastest path: the single process waiting on this event, called directly (no closure). Only
  // used while no callback was added before it, so it always runs first and order is kept.
  /** @internal */ _waiter: Waiter | null;
  // Callbacks: most events have none or one, so a lone callback is kept as is and an array is
  // allocated only when a second one arrives.
  /** @internal */ _cbs: EventCallback | EventCallback[] | null;

  // Fields are assigned here rather than with class-field initializers: on Node 20 (V8 11.3)
  // initializers run as a separate synthetic function, measurably slower on this hot path. (The
  // declarations stay for the types; tsconfig's useDefineForClassFields: false keeps tsc and
  // esbuild from emitting them as fields, which would bring that synthetic function back.)
  constructor(env: Environment) {
    this.env = env;
    this._flags = 0; // EventState.PENDING
    this._value = undefined;
    this._waiter = null;
    this._cbs = null;
  }

  /** True once succeed/fail was called (or for a timeout, from creation). */
  get triggered(): boolean {
    return (this._flags & STATE_MASK) !== EventState.PENDING;
  }

  /** True once the event's callbacks have run. */
  get processed(): boolean {
    return (this._flags & STATE_MASK) === EventState.PROCESSED;
  }

  /** Whether the event succeeded. Throws if it has not been triggered yet. */
  get ok(): boolean {
    if (!this.triggered) throw new Error('ok of a pending event is not yet available');
    return (this._flags & FAILED) === 0;
  }

  /** The success value or the failure error. Throws if it has not been triggered yet. */
  get value(): T {
    if (!this.triggered) throw new Error('value of a pending event is not yet available');
    return this._value as T;
  }

  /** A failed event is "defused" once someone handled its error; else the run stops with it. */
  get defused(): boolean {
    return (this._flags & DEFUSED) !== 0;
  }
  set defused(v: boolean) {
    this._flags = v ? this._flags | DEFUSED : this._flags & ~DEFUSED;
  }

  /** Marks the event successful with `value` and schedules it at the current time. */
  succeed(value?: T): this {
    if ((this._flags & 3) /* STATE_MASK */ !== 0 /* PENDING */) throw alreadyTriggered();
    this._value = value;
    this._flags |= 1; // EventState.TRIGGERED
    this.env._scheduleNow(this);
    return this;
  }

  /** Marks the event failed with `error` and schedules it at the current time. */
  fail(error: unknown): this {
    if ((this._flags & 3) /* STATE_MASK */ !== 0 /* PENDING */) throw alreadyTriggered();
    this._value = error;
    this._flags |= 5; // EventState.TRIGGERED | FAILED
    this.env._scheduleNow(this);
    return this;
  }

  /** Runs `cb(this)` when the event is processed. Throws if it was processed already. */
  addCallback(cb: (event: Event<T>) => void): void {
    if (this.processed) throw new Error('event has already been processed');
    const fn = cb as unknown as EventCallback;
    const cbs = this._cbs;
    if (cbs === null) this._cbs = fn;
    else if (typeof cbs === 'function') this._cbs = [cbs, fn];
    else cbs.push(fn);
  }

  /** Removes one registration of `cb`; returns whether it was registered. */
  removeCallback(cb: (event: Event<T>) => void): boolean {
    const fn = cb as unknown as EventCallback;
    const cbs = this._cbs;
    if (cbs === null) return false;
    if (typeof cbs === 'function') {
      if (cbs !== fn) return false;
      this._cbs = null;
      return true;
    }
    const i = cbs.indexOf(fn);
    if (i < 0) return false;
    cbs.splice(i, 1);
    return true;
  }

  /** @internal Runs the callbacks once; called by the Environment when the event is popped. */
  _process(): void {
    this._flags = (this._flags & ~3) /* ~STATE_MASK */ | 2; // EventState.PROCESSED
    const waiter = this._waiter;
    const cbs = this._cbs;
    this._waiter = null;
    this._cbs = null;
    if (waiter !== null) waiter._resume(this);
    if (cbs !== null) {
      if (typeof cbs === 'function') cbs(this);
      else for (let i = 0; i < cbs.length; i++) cbs[i](this);
    }
  }
}

/** Built out of line so succeed/fail stay small enough to inline on the grant path. */
function alreadyTriggered(): Error {
  return new Error('event has already been triggered');
}

/**
 * @internal Throws if the bit literals written in the hot paths no longer match the named
 * constants (called once, when environment.ts loads).
 */
export function checkBitLiterals(): void {
  const { PENDING, TRIGGERED, PROCESSED, CANCELLED } = EventState;
  const ok = PENDING === 0 && TRIGGERED === 1 && PROCESSED === 2 && CANCELLED === 3 && STATE_MASK === 3 && FAILED === 4;
  if (!ok || DEFUSED !== 8 || Priority.NORMAL !== 1) throw new Error('engine: event bit literals out of step');
}
