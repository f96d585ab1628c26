// Callbacks and waiting processes share one order: the order they were attached in, whether the
// event keeps its first waiter in the fast slot or its callbacks in a list (engine/event.ts).
import { describe, expect, it } from 'vitest';
import { Environment, type Event } from '../../src/engine/index.ts';

function waiter(env: Environment, ev: Event<unknown>, name: string, log: string[]): void {
  env.process(function* () {
    yield ev;
    log.push(name);
  });
}

describe('callback order', () => {
  it('processes and callbacks run in the order they attached, whichever comes first', () => {
    const env = new Environment();
    const log: string[] = [];
    const ev = env.event();
    ev.addCallback(() => log.push('cb1'));
    waiter(env, ev, 'p1', log); // attaches at time 0, after cb1
    waiter(env, ev, 'p2', log);
    env.run(); // starts p1 and p2: both now wait on ev
    ev.addCallback(() => log.push('cb2'));
    ev.succeed();
    env.run();
    expect(log).toEqual(['cb1', 'p1', 'p2', 'cb2']);
  });

  it('a process that waits first runs before callbacks added later', () => {
    const env = new Environment();
    const log: string[] = [];
    const ev = env.event();
    waiter(env, ev, 'p1', log);
    env.run();
    ev.addCallback(() => log.push('cb1'));
    ev.addCallback(() => log.push('cb2'));
    ev.succeed();
    env.run();
    expect(log).toEqual(['p1', 'cb1', 'cb2']);
  });

  it('removeCallback takes one registration from a single slot or a list, and says whether it did', () => {
    const env = new Environment();
    const log: string[] = [];
    const a = (): number => log.push('a');
    const b = (): number => log.push('b');
    const single = env.event();
    single.addCallback(a);
    expect(single.removeCallback(b)).toBe(false);
    expect(single.removeCallback(a)).toBe(true);
    expect(single.removeCallback(a)).toBe(false);
    const list = env.event();
    list.addCallback(a);
    list.addCallback(b);
    list.addCallback(a);
    expect(list.removeCallback(a)).toBe(true);
    single.succeed();
    list.succeed();
    env.run();
    expect(log).toEqual(['b', 'a']);
  });

  it('a failure handled by one of several waiters does not stop the run; ok and defused read the flags', () => {
    const env = new Environment();
    const ev = env.event();
    const caught: unknown[] = [];
    env.process(function* () {
      try {
        yield ev;
      } catch (e) {
        caught.push(e);
      }
    });
    env.run();
    ev.addCallback(() => undefined);
    expect(ev.defused).toBe(false);
    ev.fail('boom');
    expect(ev.triggered).toBe(true);
    expect(ev.ok).toBe(false);
    env.run();
    expect(caught).toEqual(['boom']);
    expect(ev.defused).toBe(true);
    expect(ev.processed).toBe(true);
  });
});
