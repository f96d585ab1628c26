// Conditions: an event that waits on a list of member events, `allOf` (every member) or `anyOf`
// (at least one). Semantics, as in SimPy:
// - A member counts once it is *processed* (its callbacks ran); members already processed when the
//   condition is built count immediately. An empty list succeeds at once (both kinds).
// - The value is a Map from each processed, successful member to its value, in the order of the
//   input list, taken when the condition triggers (for anyOf: the member(s) done by then).
// - If a member fails before the condition triggers, the condition fails with that error and the
//   member's failure counts as handled. Failures after the condition triggered are not handled
//   by it (they stop the run unless someone else handles them): errors are never lost.
// Invariant: the condition triggers at most once and then stops listening to its members.
import { DEFUSED, Event, FAILED, type EventCallback } from './event.ts';
import type { Environment } from './environment.ts';

/** Decides from (members done, members total) whether the condition holds. */
export type ConditionEvaluate = (done: number, total: number) => boolean;

export const allDone: ConditionEvaluate = (done, total) => done === total;
export const anyDone: ConditionEvaluate = (done, total) => done > 0 || total === 0;

export class Condition<T = unknown> extends Event<Map<Event<T>, T>> {
  private readonly members: readonly Event<T>[];
  private readonly evaluate: ConditionEvaluate;
  private done = 0;
  private readonly checkCb: EventCallback;

  constructor(env: Environment, evaluate: ConditionEvaluate, events: Iterable<Event<T>>) {
    super(env);
    this.members = [...events];
    this.evaluate = evaluate;
    this.checkCb = (ev) => this.check(ev as Event<T>);
    for (const ev of this.members) {
      if (ev.env !== env) throw new Error('a condition cannot mix events of different environments');
    }
    if (this.members.length === 0) {
      this.succeed(new Map());
      return;
    }
    for (const ev of this.members) {
      if (this.triggered) break;
      if (ev.processed) this.check(ev);
      else ev.addCallback(this.checkCb);
    }
  }

  private check(ev: Event<T>): void {
    if (this.triggered) return;
    this.done++;
    if ((ev._flags & FAILED) !== 0) {
      ev._flags |= DEFUSED;
      this.fail(ev._value);
      this.detach();
    } else if (this.evaluate(this.done, this.members.length)) {
      this.succeed(this.collect());
      this.detach();
    }
  }

  private collect(): Map<Event<T>, T> {
    const values = new Map<Event<T>, T>();
    for (const ev of this.members) {
      if (ev.processed && (ev._flags & FAILED) === 0) values.set(ev, ev._value as T);
    }
    return values;
  }

  private detach(): void {
    for (const ev of this.members) {
      if (!ev.processed) ev.removeCallback(this.checkCb);
    }
  }
}
