// A process: a generator stepped synchronously by the events it yields. The Process is itself an
// event that succeeds with the generator's return value or fails with its uncaught error, so
// processes can wait on each other.
// Invariant: the generator is resumed only by the event it is waiting on (its target) or by an
// interruption, never both; a failed event it yields is thrown into it (and thereby defused).
import { DEFUSED, Event, EventState, FAILED, Priority, type EventCallback, type Waiter } from './event.ts';
import { Interrupt } from './errors.ts';
import type { Environment } from './environment.ts';

/** What a process body is: yields events, receives their values, returns R. */
export type ProcessGenerator<R = unknown> = Generator<Event<unknown>, R, unknown>;

export class Process<R = unknown> extends Event<R> implements Waiter {
  private readonly gen: ProcessGenerator<R>;
  /** @internal */ _target: Event<unknown> | null;
  // For events that already have callbacks; otherwise the process sits in the event's `_waiter`.
  private readonly resumeCb: EventCallback;
  private interruptCb: EventCallback | null = null;

  /** @internal Use `env.process(...)`. */
  constructor(env: Environment, gen: ProcessGenerator<R>) {
    super(env);
    this.gen = gen;
    this.resumeCb = (ev) => this._resume(ev);
    // Start at the current time, before ordinary events (SimPy's Initialize is URGENT too).
    const init = new Event<unknown>(env);
    init._flags = EventState.TRIGGERED;
    init._waiter = this;
    env._schedule(init, Priority.URGENT, 0);
    this._target = init;
  }

  /** The event the process is waiting on, or null once it has ended. */
  get target(): Event<unknown> | null {
    return this._target;
  }

  /** True until the generator has returned or thrown. */
  get isAlive(): boolean {
    return !this.triggered;
  }

  /**
   * Throws an Interrupt(cause) into the process at the current time (URGENT). The process stops
   * waiting on its target (which may still fire later; e.g. a pending resource request stays
   * queued until released or cancelled).
   */
  interrupt(cause?: unknown): void {
    if (this.triggered) throw new Error('a terminated process cannot be interrupted');
    if (this.env.activeProcess === this) throw new Error('a process is not allowed to interrupt itself');
    const ev = new Event<unknown>(this.env);
    ev._value = new Interrupt(cause);
    // DEFUSED: handled by the process (or by its failure if uncaught)
    ev._flags = EventState.TRIGGERED | FAILED | DEFUSED;
    if (this.interruptCb === null) this.interruptCb = (e) => this.onInterrupt(e);
    ev._cbs = this.interruptCb;
    this.env._schedule(ev, Priority.URGENT, 0);
  }

  private onInterrupt(ev: Event<unknown>): void {
    if (this.triggered) return; // ended before the interrupt arrived
    const target = this._target;
    if (target !== null) {
      if (target._waiter === this) target._waiter = null;
      else target.removeCallback(this.resumeCb);
    }
    this._resume(ev);
  }

  /** @internal Feeds `ev`'s outcome into the generator until it waits on a pending event. */
  _resume(ev: Event<unknown>): void {
    const env = this.env;
    const gen = this.gen;
    env._active = this;
    for (;;) {
      let r: IteratorResult<Event<unknown>, R>;
      try {
        // Bits as literals on this hot path (see event.ts): FAILED = 4, DEFUSED = 8.
        if ((ev._flags & 4) === 0) r = gen.next(ev._value);
        else {
          ev._flags |= 8;
          r = gen.throw(ev._value);
        }
      } catch (err) {
        this.end(false, err);
        return;
      }
      if (r.done === true) {
        this.end(true, r.value);
        return;
      }
      const next = r.value;
      if (!(next instanceof Event) || next.env !== env) {
        ev = invalidYield(env, next);
        continue;
      }
      if ((next._flags & 3) /* STATE_MASK */ === 2 /* PROCESSED */) {
        ev = next; // already happened: resume at once with its outcome
        continue;
      }
      if (next._waiter === null && next._cbs === null) next._waiter = this;
      else next.addCallback(this.resumeCb);
      this._target = next;
      env._active = null;
      return;
    }
  }

  private end(ok: boolean, value: unknown): void {
    this._target = null;
    this.env._active = null;
    if (ok) this.succeed(value as R);
    else this.fail(value);
  }
}

/** A processed failed event carrying the TypeError for a bad yield, thrown into the generator. */
function invalidYield(env: Environment, yielded: unknown): Event<unknown> {
  const ev = new Event<unknown>(env);
  ev._flags = EventState.PROCESSED | FAILED;
  ev._value =
    yielded instanceof Event
      ? new TypeError('a process yielded an event of another environment')
      : new TypeError(`a process must yield events, got ${typeof yielded}: ${String(yielded)}`);
  return ev;
}
