// Failures: an unhandled failed event stops the run with its error; a handled one does not.
import { describe, expect, it } from 'vitest';
import { Environment } from '../../src/engine/index.ts';

class Boom extends Error {}

describe('failure propagation', () => {
  it('a failed event nobody handles stops run() with that error, at its time', () => {
    const env = new Environment();
    const err = new Boom('boom');
    env.schedule(2, () => env.event().fail(err));
    let caught: unknown;
    try {
      env.run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(err);
    expect(env.now).toBe(2);
  });

  it('a callback that sets defused handles the failure', () => {
    const env = new Environment();
    const log: unknown[] = [];
    const ev = env.event();
    ev.addCallback((e) => {
      log.push(e.value);
      e.defused = true;
    });
    ev.fail(new Boom('handled'));
    expect(() => env.run()).not.toThrow();
    expect(log).toHaveLength(1);
    expect(ev.ok).toBe(false);
  });

  it('a process catches the failure of an event it yields (thrown into the generator)', () => {
    const env = new Environment();
    const log: string[] = [];
    const ev = env.event();
    env.schedule(1, () => ev.fail(new Boom('late')));
    env.process(function* () {
      try {
        yield ev;
      } catch (e) {
        log.push(`caught ${(e as Error).message} at ${env.now}`);
      }
      yield env.timeout(1);
      log.push('went on');
    });
    env.run();
    expect(log).toEqual(['caught late at 1', 'went on']);
  });

  it('an uncaught error fails the process; with no one waiting, the run stops with it', () => {
    const env = new Environment();
    const err = new Boom('inside');
    const p = env.process(function* () {
      yield env.timeout(3);
      throw err;
    });
    expect(() => env.run()).toThrow(err);
    expect(p.ok).toBe(false);
    expect(p.value).toBe(err);
  });

  it('a parent waiting on a failing child receives the child error and can handle it', () => {
    const env = new Environment();
    const log: string[] = [];
    const child = env.process(function* () {
      yield env.timeout(1);
      throw new Boom('child failed');
    });
    env.process(function* () {
      try {
        yield child;
      } catch (e) {
        log.push((e as Error).message);
      }
    });
    env.run();
    expect(log).toEqual(['child failed']);
  });

  it('run(until=event) rethrows the failure of that event', () => {
    const env = new Environment();
    const p = env.process(function* () {
      yield env.timeout(1);
      throw new Boom('until failed');
    });
    expect(() => env.run(p)).toThrow('until failed');
  });

  it('a failure that is re-yielded after processing is thrown again', () => {
    const env = new Environment();
    const ev = env.event();
    const log: string[] = [];
    env.process(function* () {
      for (let i = 0; i < 2; i++) {
        try {
          yield ev;
        } catch (e) {
          log.push(`${i}:${(e as Error).message}`);
        }
      }
    });
    ev.fail(new Boom('x'));
    env.run();
    expect(log).toEqual(['0:x', '1:x']);
  });
});
