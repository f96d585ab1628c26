// Resource: capacity slots granted FIFO; release frees a slot or withdraws a waiting request.
import { describe, expect, it } from 'vitest';
import { test as ftest, fc } from '@fast-check/vitest';
import { Environment, Resource } from '../../src/engine/index.ts';

describe('Resource', () => {
  it('grants up to capacity at once and queues the rest in request order', () => {
    const env = new Environment();
    const res = new Resource(env, 2);
    const log: string[] = [];
    for (const [name, hold] of [
      ['a', 5],
      ['b', 3],
      ['c', 1],
      ['d', 1],
    ] as const) {
      env.process(function* () {
        const req = res.request();
        yield req;
        log.push(`${name} got it at ${env.now}`);
        yield env.timeout(hold);
        res.release(req);
      });
    }
    env.run();
    // a,b at 0; b frees at 3 -> c; c frees at 4 -> d; d frees at 5.
    expect(log).toEqual(['a got it at 0', 'b got it at 0', 'c got it at 3', 'd got it at 4']);
    expect(res.count).toBe(0);
  });

  it('count and queueLength follow requests and releases', () => {
    const env = new Environment();
    const res = new Resource(env, 1);
    const r1 = res.request();
    const r2 = res.request();
    expect([res.count, res.queueLength]).toEqual([1, 1]);
    expect(r1.granted).toBe(true);
    expect(r2.granted).toBe(false);
    res.release(r1);
    expect([res.count, res.queueLength]).toEqual([1, 0]);
    expect(r2.granted).toBe(true);
    res.release(r2);
    res.release(r2); // idempotent
    expect(res.count).toBe(0);
  });

  it('releasing a request that is still waiting cancels it', () => {
    const env = new Environment();
    const res = new Resource(env, 1);
    const held = res.request();
    const waiting = res.request();
    const next = res.request();
    res.release(waiting);
    expect(res.queueLength).toBe(1);
    res.release(held);
    expect(waiting.triggered).toBe(false);
    expect(next.granted).toBe(true);
  });

  it('rejects a non-positive capacity and a request of another resource', () => {
    const env = new Environment();
    expect(() => new Resource(env, 0)).toThrow(RangeError);
    const a = new Resource(env, 1);
    const b = new Resource(env, 1);
    expect(() => b.release(a.request())).toThrow(/another resource/);
  });

  ftest.prop(
    [
      fc.integer({ min: 1, max: 4 }),
      fc.array(
        fc.record({
          arrive: fc.integer({ min: 0, max: 20 }),
          hold: fc.integer({ min: 0, max: 10 }),
          giveUp: fc.option(fc.integer({ min: 0, max: 5 })),
        }),
        {
          minLength: 1,
          maxLength: 30,
        },
      ),
    ],
    { numRuns: 150 },
  )('never exceeds capacity, grants in request order, and serves everyone who waits', (capacity, users) => {
    const env = new Environment();
    const res = new Resource(env, capacity);
    const requested: number[] = [];
    const granted: number[] = [];
    const gaveUp = new Set<number>();
    users.forEach((u, id) => {
      env.process(function* () {
        yield env.timeout(u.arrive);
        const req = res.request();
        requested.push(id);
        req.addCallback(() => {
          granted.push(id);
          expect(res.count).toBeLessThanOrEqual(capacity);
        });
        if (u.giveUp !== null) {
          // Wait for the grant or give up after `giveUp`, whichever comes first.
          yield env.anyOf([req, env.timeout(u.giveUp)]);
          if (!req.triggered) {
            res.release(req);
            gaveUp.add(id);
            return;
          }
        } else yield req;
        yield env.timeout(u.hold);
        res.release(req);
      });
    });
    env.run();
    expect(res.count).toBe(0);
    expect(res.queueLength).toBe(0);
    expect(granted).toEqual(requested.filter((id) => !gaveUp.has(id)));
  });
});
