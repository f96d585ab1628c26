// Timeouts: succeed after a finite, non-negative delay with an optional value.
import { describe, expect, it } from 'vitest';
import { Environment } from '../../src/engine/index.ts';

describe('env.timeout', () => {
  it('fires at now + delay with its value', () => {
    const env = new Environment(10);
    const log: [number, unknown][] = [];
    env.timeout(2.5, 'x').addCallback((ev) => log.push([env.now, ev.value]));
    env.run();
    expect(log).toEqual([[12.5, 'x']]);
  });

  it('is triggered at once but processed only when the clock reaches it', () => {
    const env = new Environment();
    const ev = env.timeout(1);
    expect(ev.triggered).toBe(true);
    expect(ev.processed).toBe(false);
    env.run();
    expect(ev.processed).toBe(true);
    expect(ev.ok).toBe(true);
  });

  it('a zero delay fires at the current time', () => {
    const env = new Environment(3);
    const ev = env.timeout(0);
    env.run();
    expect(ev.processed).toBe(true);
    expect(env.now).toBe(3);
  });

  it.each([-1, NaN, Infinity, -Infinity])('rejects delay %s with a RangeError', (delay) => {
    const env = new Environment();
    expect(() => env.timeout(delay)).toThrow(RangeError);
  });

  it('a timeout cannot be triggered again', () => {
    const env = new Environment();
    const ev = env.timeout(1);
    expect(() => ev.succeed()).toThrow(/already been triggered/);
  });
});

describe('Event', () => {
  it('value and ok of a pending event throw', () => {
    const env = new Environment();
    const ev = env.event<number>();
    expect(ev.triggered).toBe(false);
    expect(() => ev.value).toThrow(/not yet available/);
    expect(() => ev.ok).toThrow(/not yet available/);
  });

  it('callbacks run once, in the order added, when processed', () => {
    const env = new Environment();
    const ev = env.event<string>();
    const log: string[] = [];
    ev.addCallback((e) => log.push(`1:${e.value}`));
    ev.addCallback((e) => log.push(`2:${e.value}`));
    ev.addCallback((e) => log.push(`3:${e.value}`));
    ev.succeed('v');
    env.run();
    expect(log).toEqual(['1:v', '2:v', '3:v']);
    expect(() => ev.addCallback(() => undefined)).toThrow(/already been processed/);
  });

  it('removeCallback removes one registration', () => {
    const env = new Environment();
    const ev = env.event();
    const log: string[] = [];
    const a = (): number => log.push('a');
    const b = (): number => log.push('b');
    ev.addCallback(a);
    ev.addCallback(b);
    expect(ev.removeCallback(a)).toBe(true);
    expect(ev.removeCallback(a)).toBe(false);
    ev.succeed();
    env.run();
    expect(log).toEqual(['b']);
  });

  it('succeed or fail twice throws', () => {
    const env = new Environment();
    const ev = env.event();
    ev.succeed(1);
    expect(() => ev.succeed(2)).toThrow();
    expect(() => ev.fail(new Error('x'))).toThrow();
  });
});
