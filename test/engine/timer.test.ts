// env.schedule: cancellable calls, lazily deleted from the heap.
import { describe, expect, it } from 'vitest';
import { Environment } from '../../src/engine/index.ts';

describe('env.schedule', () => {
  it('calls fn(arg) at now + delay', () => {
    const env = new Environment(1);
    const log: [number, string][] = [];
    env.schedule(2, (s: string) => log.push([env.now, s]), 'hello');
    env.run();
    expect(log).toEqual([[3, 'hello']]);
  });

  it('a cancelled call never runs and does not move the clock', () => {
    const env = new Environment();
    const log: string[] = [];
    const t = env.schedule(5, () => log.push('cancelled one'));
    env.schedule(2, () => log.push('kept'));
    expect(t.active).toBe(true);
    expect(t.cancel()).toBe(true);
    expect(t.cancel()).toBe(false);
    expect(t.active).toBe(false);
    env.run();
    expect(log).toEqual(['kept']);
    expect(env.now).toBe(2);
  });

  it('cancel after it ran returns false', () => {
    const env = new Environment();
    const t = env.schedule(1, () => undefined);
    env.run();
    expect(t.cancel()).toBe(false);
  });

  it('peek and step skip cancelled entries', () => {
    const env = new Environment();
    env.schedule(1, () => undefined).cancel();
    env.schedule(4, () => undefined);
    expect(env.peek()).toBe(4);
    env.step();
    expect(env.now).toBe(4);
  });

  it('re-timing a completion many times keeps only the last one (heap compaction included)', () => {
    const env = new Environment();
    const log: number[] = [];
    let handle = env.schedule<number>(10, (i) => log.push(i), -1);
    // Supersede it 5000 times at time 0, each time later; only the last must fire.
    for (let i = 0; i < 5000; i++) {
      handle.cancel();
      handle = env.schedule(10 + i, (k: number) => log.push(k), i);
    }
    env.schedule(3, () => log.push(-3));
    env.run();
    expect(log).toEqual([-3, 4999]);
    expect(env.now).toBe(5009);
  });

  it('rejects bad delays and priorities', () => {
    const env = new Environment();
    expect(() => env.schedule(-1, () => undefined)).toThrow(RangeError);
    expect(() => env.schedule(1, () => undefined, undefined, 1.5)).toThrow(RangeError);
    expect(() => env.schedule(1, () => undefined, undefined, -1)).toThrow(RangeError);
  });
});
