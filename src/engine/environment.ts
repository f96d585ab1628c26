// The environment: a clock and one event queue ordered by (time, priority, insertion seq), so
// same-time events of equal priority run first-in first-out and a run is reproducible bit for bit.
// Unit-agnostic: `now` is whatever unit the model picks (years, microseconds).
// Invariant: `now` never decreases; each scheduled event is processed exactly once, in key order;
// a failed event that nobody defused is thrown out of step()/run() (never lost silently).
import { DEFUSED, Event, EventState, FAILED, Priority, checkBitLiterals } from './event.ts';
import { EventQueue, MAX_PRIORITY, SEQ_SPAN } from './event-queue.ts';
import { NowQueue } from './now-queue.ts';
import { Process, type ProcessGenerator } from './process.ts';
import { Condition, allDone, anyDone } from './condition.ts';
import { Timer } from './timer.ts';
import { EmptySchedule } from './errors.ts';

/** Packed key base of NORMAL priority (see packKey); written as the literal 2^40 where hot. */
const NORMAL_KEY = Priority.NORMAL * SEQ_SPAN;
if (NORMAL_KEY !== 1099511627776) throw new Error('engine: NORMAL_KEY literal out of step');
checkBitLiterals();
/** Cancelled timers kept in the heap before a compaction is considered. */
const COMPACT_MIN_CANCELLED = 1024;

export class Environment {
  // Starts as -0, a heap number (0 is a small integer): V8 then gives the field its double
  // representation from the first Environment on, instead of switching it when the clock first
  // reaches a fractional time (a map change that deoptimized the code already compiled for it).
  // The constructor then stores initialTime, so no one ever reads the -0.
  private _now = -0;
  private _seq = 0;
  // Two containers, one order: the heap holds everything except zero-delay NORMAL events, which
  // go to the FIFO `nowq`; processNext takes whichever head has the smaller (time, key).
  private readonly queue = new EventQueue<Event<unknown>>();
  private readonly nowq = new NowQueue<Event<unknown>>();
  private cancelled = 0;
  /** @internal */ _active: Process<unknown> | null = null;

  constructor(initialTime = 0) {
    if (!Number.isFinite(initialTime)) throw new RangeError(`initialTime must be finite (got ${initialTime})`);
    this._now = initialTime;
  }

  /** The current simulation time. */
  get now(): number {
    return this._now;
  }

  /** The process whose generator is running right now, or null. */
  get activeProcess(): Process<unknown> | null {
    return this._active;
  }

  /** A new pending event; trigger it with succeed/fail. */
  event<T = unknown>(): Event<T> {
    return new Event<T>(this);
  }

  /** An event that succeeds with `value` after `delay` (finite, >= 0). */
  timeout<T = undefined>(delay: number, value?: T): Event<T> {
    checkDelay(delay);
    // A plain Event (not a subclass): one hidden class on the hot path keeps property access fast.
    const ev = new Event<T>(this);
    ev._value = value;
    ev._flags = 1; // EventState.TRIGGERED (hot-path literals: see event.ts)
    const key = 1099511627776 /* NORMAL_KEY */ + this.nextSeq();
    if (delay === 0) this.nowq.push(key, ev);
    else this.queue.push(this._now + delay, key, ev);
    return ev;
  }

  /** Starts a process from a generator or a generator function (called with no arguments). */
  process<R>(body: ProcessGenerator<R> | (() => ProcessGenerator<R>)): Process<R> {
    const gen = typeof body === 'function' ? body() : body;
    if (gen === null || typeof gen !== 'object' || typeof gen.next !== 'function' || typeof gen.throw !== 'function') {
      throw new TypeError('env.process needs a generator or a generator function');
    }
    return new Process<R>(this, gen);
  }

  /** Succeeds when every event has been processed (fails on the first failure). */
  allOf<T>(events: Iterable<Event<T>>): Condition<T> {
    return new Condition<T>(this, allDone, events);
  }

  /** Succeeds when at least one event has been processed (fails on a failure before that). */
  anyOf<T>(events: Iterable<Event<T>>): Condition<T> {
    return new Condition<T>(this, anyDone, events);
  }

  /**
   * Calls `fn(arg)` at now + delay (same ordering rules as events); returns a handle whose
   * cancel() is O(1). Cheaper than a process for callbacks that are re-timed often.
   */
  schedule<A>(delay: number, fn: (arg: A) => void, arg: A, priority?: number): Timer<A>;
  schedule(delay: number, fn: () => void): Timer<undefined>;
  schedule<A>(delay: number, fn: (arg: A) => void, arg?: A, priority: number = Priority.NORMAL): Timer<A> {
    checkDelay(delay);
    checkPriority(priority);
    const time = this._now + delay;
    const timer = new Timer<A>(this, time, fn, arg as A);
    // Always the heap, never nowq: cancelled timers are only ever dropped from the heap.
    this.queue.push(time, priority * SEQ_SPAN + this.nextSeq(), timer);
    return timer;
  }

  /** @internal Puts a triggered event at now with normal priority (succeed, fail, a grant). */
  _scheduleNow(ev: Event<unknown>): void {
    this.nowq.push(1099511627776 /* NORMAL_KEY */ + this.nextSeq(), ev);
  }

  /** @internal Puts a triggered event into the queue at now + delay. */
  _schedule(ev: Event<unknown>, priority: number, delay: number): void {
    const key = priority * SEQ_SPAN + this.nextSeq();
    if (delay === 0 && priority === Priority.NORMAL) this.nowq.push(key, ev);
    else this.queue.push(this._now + delay, key, ev);
  }

  private nextSeq(): number {
    const seq = this._seq++;
    if (seq >= 1099511627776 /* SEQ_SPAN */) throw seqExhausted();
    return seq;
  }

  /** @internal Counts a cancelled timer; compacts the heap when they outnumber live entries. */
  _noteCancelled(): void {
    this.cancelled++;
    if (this.cancelled >= COMPACT_MIN_CANCELLED && this.cancelled * 2 > this.queue.size) {
      this.queue.retain((ev) => !isCancelled(ev));
      this.cancelled = 0;
    }
  }

  /** Time of the next event, or Infinity if none is scheduled. */
  peek(): number {
    if (this.nowq.size > 0) return this._now;
    this.dropCancelled();
    return this.queue.peekTime();
  }

  /** Processes the next event. Throws EmptySchedule if there is none. */
  step(): void {
    this.dropCancelled();
    if (this.queue.size === 0 && this.nowq.size === 0) throw new EmptySchedule();
    this.processNext();
  }

  /**
   * Runs the simulation:
   * - `run()`: until no event is left;
   * - `run(t)`: processes every event before time t, then sets now = t exactly (events at t stay
   *   queued, as in SimPy); t must be >= now;
   * - `run(ev)`: until `ev` is processed; returns its value, or throws its error if it failed.
   */
  run(until?: number | Event<unknown>): unknown {
    if (until === undefined) {
      this.runAll();
      return undefined;
    }
    if (typeof until === 'number') return this.runUntilTime(until);
    if (!(until instanceof Event) || until.env !== this)
      throw new TypeError('run(until): expected a time or an event of this environment');
    return this.runUntilEvent(until);
  }

  private runUntilTime(until: number): undefined {
    if (Number.isNaN(until) || until < this._now) {
      throw new RangeError(`run(until=${until}): until must be >= now (${this._now})`);
    }
    while (this.peek() < until) this.processNext();
    if (Number.isFinite(until)) this._now = until;
    return undefined;
  }

  private runUntilEvent(until: Event<unknown>): unknown {
    let done = until.processed;
    if (!done)
      until.addCallback(() => {
        done = true;
        until._flags |= DEFUSED; // run() rethrows it below, so it is handled
      });
    while (!done) {
      this.dropCancelled();
      if (this.queue.size === 0 && this.nowq.size === 0)
        throw new Error('no scheduled events left but the until event was not processed');
      this.processNext();
    }
    if ((until._flags & FAILED) !== 0) throw until._value;
    return until._value;
  }

  /** run() with no bound: processNext inlined into one loop, the hot path of every model. */
  private runAll(): void {
    const queue = this.queue;
    const nowq = this.nowq;
    for (;;) {
      let ev: Event<unknown>;
      if (nowq.size > 0 && !this.heapFirst(queue, nowq)) ev = nowq.shift();
      else if (queue.size > 0) {
        const time = queue.peekTime();
        ev = queue.pop();
        if ((ev._flags & 3) /* STATE_MASK */ === 3 /* CANCELLED */) {
          this.cancelled--; // a cancelled timer (isCancelled, written out in the hot loop)
          continue;
        }
        this._now = time;
      } else return;
      ev._process();
      if ((ev._flags & 12) /* FAILED | DEFUSED */ === 4 /* FAILED */) throw ev._value;
    }
  }

  /** Processes the next entry (one must exist); a cancelled timer is just dropped. */
  private processNext(): void {
    const queue = this.queue;
    const nowq = this.nowq;
    if (nowq.size > 0 && !this.heapFirst(queue, nowq)) {
      const ev = nowq.shift();
      ev._process();
      if ((ev._flags & 12) /* FAILED | DEFUSED */ === 4 /* FAILED */) throw ev._value;
      return;
    }
    const time = queue.peekTime();
    const ev = queue.pop();
    if (isCancelled(ev)) {
      this.cancelled--;
      return;
    }
    this._now = time;
    ev._process();
    if ((ev._flags & 12) /* FAILED | DEFUSED */ === 4 /* FAILED */) throw ev._value;
  }

  /**
   * With nowq non-empty: whether the heap's head comes first. Heap times are >= now, so only a
   * head at now with a smaller key (an URGENT event, or one scheduled earlier) does.
   */
  private heapFirst(queue: EventQueue<Event<unknown>>, nowq: NowQueue<Event<unknown>>): boolean {
    return queue.size > 0 && queue.peekTime() === this._now && queue.peekKey() < nowq.headKey();
  }

  private dropCancelled(): void {
    const queue = this.queue;
    while (queue.size > 0 && isCancelled(queue.peekItem() as Event<unknown>)) {
      queue.pop();
      this.cancelled--;
    }
  }
}

/** A cancelled Timer, left in the heap to be dropped when it reaches the top. */
function isCancelled(ev: Event<unknown>): boolean {
  return (ev._flags & 3) /* STATE_MASK */ === 3; // EventState.CANCELLED
}

// Checks stay tiny and their errors are built out of line, so the hot callers (timeout, every
// schedule) stay small enough for V8 to inline them into the process bodies that call them.
function checkDelay(delay: number): void {
  if (!(delay >= 0) || delay === Infinity) throw badDelay(delay);
}

function badDelay(delay: number): RangeError {
  return new RangeError(`delay must be finite and >= 0 (got ${delay})`);
}

function seqExhausted(): RangeError {
  return new RangeError('event sequence space exhausted (2^40 events)');
}

function checkPriority(priority: number): void {
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
    throw new RangeError(`priority must be an integer in [0, ${MAX_PRIORITY}] (got ${priority})`);
  }
}
