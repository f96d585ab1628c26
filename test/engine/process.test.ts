// Processes: generators stepped by the events they yield; a process is an event itself.
import { describe, expect, it } from 'vitest';
import { Environment, type ProcessGenerator } from '../../src/engine/index.ts';

describe('env.process', () => {
  it('receives the values of the events it yields and advances the clock', () => {
    const env = new Environment();
    const log: [number, unknown][] = [];
    env.process(function* () {
      const a = yield env.timeout(5, 'a');
      log.push([env.now, a]);
      const b = yield env.timeout(2, 'b');
      log.push([env.now, b]);
    });
    env.run();
    expect(log).toEqual([
      [5, 'a'],
      [7, 'b'],
    ]);
  });

  it('succeeds with the return value, so processes can wait on each other', () => {
    const env = new Environment();
    const log: string[] = [];
    function* child(): ProcessGenerator<number> {
      yield env.timeout(3);
      return 42;
    }
    const parent = env.process(function* () {
      const v = yield env.process(child());
      log.push(`child returned ${String(v)} at ${env.now}`);
      return 'done';
    });
    expect(env.run(parent)).toBe('done');
    expect(log).toEqual(['child returned 42 at 3']);
    expect(parent.ok).toBe(true);
    expect(parent.isAlive).toBe(false);
  });

  it('starts at the current time before normal events scheduled earlier at that time', () => {
    const env = new Environment();
    const log: string[] = [];
    env
      .event()
      .succeed()
      .addCallback(() => log.push('event'));
    env.process(function* () {
      log.push('process start');
      yield env.timeout(0);
    });
    env.run();
    expect(log).toEqual(['process start', 'event']);
  });

  it('yielding an already-processed event resumes at once with its value', () => {
    const env = new Environment();
    const done = env.timeout(1, 'early');
    const log: [number, unknown][] = [];
    env.process(function* () {
      yield env.timeout(5);
      const v = yield done;
      log.push([env.now, v]);
    });
    env.run();
    expect(log).toEqual([[5, 'early']]);
  });

  it('several processes can wait on the same event, resumed in the order they waited', () => {
    const env = new Environment();
    const gate = env.event<string>();
    const log: string[] = [];
    for (const name of ['p1', 'p2', 'p3']) {
      env.process(function* () {
        log.push(`${name}:${String(yield gate)}`);
      });
    }
    env.schedule(4, () => gate.succeed('open'));
    env.run();
    expect(log).toEqual(['p1:open', 'p2:open', 'p3:open']);
    expect(env.now).toBe(4);
  });

  it('accepts a generator object as well as a generator function', () => {
    const env = new Environment();
    function* body(n: number): ProcessGenerator<number> {
      yield env.timeout(n);
      return n * 2;
    }
    const p = env.process(body(3));
    env.run();
    expect(p.value).toBe(6);
  });

  it('a process that yields a non-event gets a TypeError thrown into it', () => {
    const env = new Environment();
    const p = env.process(function* () {
      try {
        yield 5 as never;
      } catch (err) {
        return (err as Error).name;
      }
      return 'no error';
    });
    env.run();
    expect(p.value).toBe('TypeError');
  });

  it('rejects something that is not a generator', () => {
    const env = new Environment();
    expect(() => env.process((() => 3) as never)).toThrow(TypeError);
  });

  it('activeProcess is the running process only while its generator runs', () => {
    const env = new Environment();
    const seen: unknown[] = [];
    const p = env.process(function* () {
      seen.push(env.activeProcess);
      yield env.timeout(1);
      seen.push(env.activeProcess);
    });
    env.run();
    expect(seen).toEqual([p, p]);
    expect(env.activeProcess).toBe(null);
  });
});
