// env.run(until), env.step(), env.peek().
import { describe, expect, it } from 'vitest';
import { EmptySchedule, Environment } from '../../src/engine/index.ts';

function ticker(env: Environment, log: number[], period: number): void {
  env.process(function* () {
    for (;;) {
      yield env.timeout(period);
      log.push(env.now);
    }
  });
}

describe('env.run', () => {
  it('run(t) processes events before t and leaves the clock exactly at t', () => {
    const env = new Environment();
    const log: number[] = [];
    ticker(env, log, 2);
    env.run(7);
    expect(log).toEqual([2, 4, 6]);
    expect(env.now).toBe(7);
  });

  it('run(t) leaves events at exactly t queued (as in SimPy) and can be resumed', () => {
    const env = new Environment();
    const log: number[] = [];
    ticker(env, log, 2);
    env.run(6);
    expect(log).toEqual([2, 4]);
    expect(env.now).toBe(6);
    expect(env.peek()).toBe(6);
    env.run(9);
    expect(log).toEqual([2, 4, 6, 8]);
  });

  it('run(t) with nothing scheduled just moves the clock', () => {
    const env = new Environment(1);
    env.run(5.5);
    expect(env.now).toBe(5.5);
  });

  it('run(t) rejects a time in the past', () => {
    const env = new Environment(3);
    expect(() => env.run(2)).toThrow(RangeError);
    expect(() => env.run(NaN)).toThrow(RangeError);
  });

  it('run(event) stops when the event is processed and returns its value', () => {
    const env = new Environment();
    const log: number[] = [];
    ticker(env, log, 1);
    const stop = env.timeout(3.5, 'stop');
    expect(env.run(stop)).toBe('stop');
    expect(env.now).toBe(3.5);
    expect(log).toEqual([1, 2, 3]);
  });

  it('run(event) returns at once for an already processed event', () => {
    const env = new Environment();
    const ev = env.timeout(1, 'v');
    env.run();
    expect(env.run(ev)).toBe('v');
  });

  it('run(event) throws if the queue empties before the event is processed', () => {
    const env = new Environment();
    env.timeout(1);
    expect(() => env.run(env.event())).toThrow(/until event was not processed/);
  });

  it('run() runs until no event is left', () => {
    const env = new Environment();
    env.timeout(4);
    env.timeout(2);
    env.run();
    expect(env.now).toBe(4);
    expect(env.peek()).toBe(Infinity);
  });
});

describe('env.step and env.peek', () => {
  it('step processes one event at a time; peek shows the next time', () => {
    const env = new Environment();
    const log: number[] = [];
    env.timeout(3).addCallback(() => log.push(3));
    env.timeout(1).addCallback(() => log.push(1));
    expect(env.peek()).toBe(1);
    env.step();
    expect(log).toEqual([1]);
    expect(env.now).toBe(1);
    expect(env.peek()).toBe(3);
    env.step();
    expect(log).toEqual([1, 3]);
    expect(() => env.step()).toThrow(EmptySchedule);
  });
});
