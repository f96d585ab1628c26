// Conditions: allOf / anyOf over member events (see condition.ts for the semantics).
import { describe, expect, it } from 'vitest';
import { Environment, type Event } from '../../src/engine/index.ts';

describe('env.allOf', () => {
  it('succeeds when every member is processed, with a Map of their values in input order', () => {
    const env = new Environment();
    const a = env.timeout(3, 'a');
    const b = env.timeout(1, 'b');
    const log: [number, unknown[]][] = [];
    env.process(function* () {
      const v = (yield env.allOf([a, b])) as Map<Event<string>, string>;
      log.push([env.now, [...v.values()]]);
    });
    env.run();
    expect(log).toEqual([[3, ['a', 'b']]]);
  });

  it('counts members already processed when it is built', () => {
    const env = new Environment();
    const early = env.timeout(1, 'early');
    env.run();
    const late = env.timeout(2, 'late');
    const all = env.allOf([early, late]);
    env.run();
    expect([...all.value.values()]).toEqual(['early', 'late']);
    expect(env.now).toBe(3);
  });

  it('an empty list succeeds at once with an empty Map', () => {
    const env = new Environment();
    const all = env.allOf([]);
    env.run();
    expect(all.ok).toBe(true);
    expect(all.value.size).toBe(0);
  });

  it('fails with the first member failure, which then counts as handled', () => {
    const env = new Environment();
    const bad = env.event();
    const good = env.timeout(5);
    const all = env.allOf([good, bad]);
    const log: string[] = [];
    env.process(function* () {
      try {
        yield all;
      } catch (e) {
        log.push(`${(e as Error).message} at ${env.now}`);
      }
    });
    env.schedule(2, () => bad.fail(new Error('member failed')));
    env.run();
    expect(log).toEqual(['member failed at 2']);
  });

  it('fails at once on a member that already failed (and was handled)', () => {
    const env = new Environment();
    const bad = env.event();
    bad.addCallback((e) => (e.defused = true));
    bad.fail(new Error('old failure'));
    env.run();
    const all = env.allOf([bad, env.timeout(1)]);
    all.defused = true;
    env.run();
    expect(all.ok).toBe(false);
    expect((all.value as unknown as Error).message).toBe('old failure');
  });
});

describe('env.anyOf', () => {
  it('succeeds at the first member, with the values of the members done by then', () => {
    const env = new Environment();
    const slow = env.timeout(5, 'slow');
    const fast = env.timeout(2, 'fast');
    const any = env.anyOf([slow, fast]);
    let at = -1;
    any.addCallback(() => (at = env.now));
    env.run();
    expect(at).toBe(2);
    expect([...any.value.values()]).toEqual(['fast']);
  });

  it('with an already-processed member succeeds immediately (at the current time)', () => {
    const env = new Environment();
    const done = env.timeout(1, 'done');
    env.run();
    const any = env.anyOf([env.timeout(10), done]);
    env.run(any);
    expect(env.now).toBe(1);
    expect([...any.value.values()]).toEqual(['done']);
  });

  it('a member failing after the condition triggered is not swallowed', () => {
    const env = new Environment();
    const fast = env.timeout(1);
    const bad = env.event();
    env.anyOf([fast, bad]);
    env.schedule(3, () => bad.fail(new Error('after the fact')));
    expect(() => env.run()).toThrow('after the fact');
  });

  it('a member failing first fails the condition', () => {
    const env = new Environment();
    const bad = env.event();
    const any = env.anyOf([env.timeout(4), bad]);
    any.addCallback((e) => (e.defused = true));
    bad.fail(new Error('first'));
    env.run();
    expect(any.ok).toBe(false);
  });

  it('an empty list succeeds at once', () => {
    const env = new Environment();
    const any = env.anyOf([]);
    env.run();
    expect(any.ok).toBe(true);
  });

  it('rejects events of another environment', () => {
    const env = new Environment();
    const other = new Environment();
    expect(() => env.anyOf([other.timeout(1)])).toThrow(/different environments/);
  });
});
