// Interrupts: process.interrupt(cause) throws an Interrupt into the process at the current time.
import { describe, expect, it } from 'vitest';
import { Environment, Interrupt, Priority, Resource } from '../../src/engine/index.ts';

describe('process.interrupt', () => {
  it('throws an Interrupt carrying the cause into the waiting process', () => {
    const env = new Environment();
    const log: string[] = [];
    const sleeper = env.process(function* () {
      try {
        yield env.timeout(10);
        log.push('woke normally');
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        log.push(`interrupted at ${env.now} by ${String(e.cause)}`);
      }
      yield env.timeout(1);
      log.push(`done at ${env.now}`);
    });
    env.process(function* () {
      yield env.timeout(4);
      sleeper.interrupt('alarm');
    });
    env.run();
    expect(log).toEqual(['interrupted at 4 by alarm', 'done at 5']);
  });

  it('the interrupted wait no longer resumes the process when its event fires', () => {
    const env = new Environment();
    let resumes = 0;
    const p = env.process(function* () {
      for (;;) {
        try {
          yield env.timeout(3);
          resumes++;
          return resumes;
        } catch {
          resumes += 10;
        }
      }
    });
    env.schedule(1, () => p.interrupt());
    env.run();
    // interrupted once (+10), then a fresh 3-unit wait from t=1 ends at 4 (+1)
    expect(p.value).toBe(11);
    expect(env.now).toBe(4);
  });

  it('an uncaught Interrupt fails the process (and stops an unhandled run)', () => {
    const env = new Environment();
    const p = env.process(function* () {
      yield env.timeout(10);
    });
    env.schedule(1, () => p.interrupt('stop'));
    expect(() => env.run()).toThrow(Interrupt);
    expect(p.ok).toBe(false);
  });

  it('interrupting a finished process throws; a process cannot interrupt itself', () => {
    const env = new Environment();
    const done = env.process(function* () {
      yield env.timeout(1);
    });
    env.run();
    expect(() => done.interrupt()).toThrow(/terminated/);
    const self = env.process(function* () {
      yield env.timeout(0);
      self.interrupt();
    });
    expect(() => env.run()).toThrow(/itself/);
  });

  it('an interrupt that arrives after the process ended is dropped', () => {
    const env = new Environment();
    // At t=1 three URGENT entries run in seq order: the interrupter, the timer p waits on (p ends),
    // then the interruption itself, which finds p terminated and does nothing.
    env.schedule(1, () => p.interrupt('too late'), undefined, Priority.URGENT);
    const wake = env.schedule(1, () => undefined, undefined, Priority.URGENT);
    const p = env.process(function* () {
      yield wake;
      return 'finished';
    });
    env.run();
    expect(p.ok).toBe(true);
    expect(p.value).toBe('finished');
  });

  it('an interrupted process can withdraw its pending resource request', () => {
    const env = new Environment();
    const res = new Resource(env, 1);
    const log: string[] = [];
    env.process(function* () {
      const req = res.request();
      yield req;
      yield env.timeout(10);
      res.release(req);
    });
    const waiter = env.process(function* () {
      const req = res.request();
      try {
        yield req;
      } catch (e) {
        if (!(e instanceof Interrupt)) throw e;
        res.release(req); // withdraws it
        log.push(`gave up at ${env.now}, queue ${res.queueLength}`);
      }
    });
    env.schedule(2, () => waiter.interrupt());
    env.run();
    expect(log).toEqual(['gave up at 2, queue 0']);
    expect(res.count).toBe(0);
  });
});
