// Errors the engine itself raises into user code or out of a run.
// Invariant: each has a stable `name`, so callers can tell them apart without instanceof.

/** Thrown into a process by `process.interrupt(cause)`; `cause` is whatever the caller passed. */
export class Interrupt extends Error {
  constructor(cause?: unknown) {
    super(`process interrupted${cause === undefined ? '' : `: ${String(cause)}`}`, { cause });
    this.name = 'Interrupt';
  }
}

/** Thrown by `env.step()` when no event is scheduled. */
export class EmptySchedule extends Error {
  constructor() {
    super('no scheduled events left');
    this.name = 'EmptySchedule';
  }
}
