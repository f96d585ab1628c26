// Event ordering: (time, priority, insertion seq); same time and priority run FIFO.
import { describe, expect, it } from 'vitest';
import { test as ftest, fc } from '@fast-check/vitest';
import { Environment, EventQueue, Priority, packKey } from '../../src/engine/index.ts';

describe('event ordering', () => {
  it('same-time events run in the order they were scheduled', () => {
    const env = new Environment();
    const log: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) env.timeout(5).addCallback(() => log.push(name));
    env.run();
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    expect(env.now).toBe(5);
  });

  it('earlier times run first regardless of insertion order', () => {
    const env = new Environment();
    const log: number[] = [];
    for (const t of [3, 1, 2, 0]) env.timeout(t).addCallback(() => log.push(env.now));
    env.run();
    expect(log).toEqual([0, 1, 2, 3]);
  });

  it('at equal times a lower priority number runs first, then FIFO', () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(1, () => log.push('normal-1'));
    env.schedule(1, () => log.push('urgent-1'), undefined, Priority.URGENT);
    env.schedule(1, () => log.push('normal-2'));
    env.schedule(1, () => log.push('urgent-2'), undefined, Priority.URGENT);
    env.schedule(1, () => log.push('low'), undefined, 7);
    env.run();
    expect(log).toEqual(['urgent-1', 'urgent-2', 'normal-1', 'normal-2', 'low']);
  });

  it('a zero-delay event waits behind same-time events scheduled before it', () => {
    const env = new Environment();
    const log: string[] = [];
    env.timeout(1).addCallback(() => {
      log.push('first');
      env
        .event()
        .succeed()
        .addCallback(() => log.push('succeeded-in-first'));
    });
    env.timeout(1).addCallback(() => log.push('second'));
    env.run();
    expect(log).toEqual(['first', 'second', 'succeeded-in-first']);
  });

  // Three ways in: env.schedule (heap, any priority), env.timeout (heap, or the zero-delay FIFO when
  // delay is 0) and event().succeed() (zero-delay FIFO). A reference model checks that each event
  // processed is the minimum (time, priority, seq) of everything pending at that moment.
  const spec = fc.record({
    kind: fc.constantFrom('schedule', 'timeout', 'succeed'),
    delay: fc.integer({ min: 0, max: 3 }),
    priority: fc.integer({ min: 0, max: 2 }),
    children: fc.nat(3),
  });
  ftest.prop([fc.array(spec, { minLength: 1, maxLength: 40 })])(
    'each processed event is the least (time, priority, seq) pending, also when scheduled while running',
    (specs) => {
      const env = new Environment();
      const pending = new Map<number, [number, number, number]>();
      let seq = 0;
      let budget = 120;
      const add = (k: number): void => {
        const s = specs[k % specs.length];
        const id = seq++;
        const delay = s.kind === 'succeed' ? 0 : s.delay;
        const priority = s.kind === 'schedule' ? s.priority : Priority.NORMAL;
        pending.set(id, [env.now + delay, priority, id]);
        const onFire = (): void => {
          const least = [...pending.values()].reduce((a, b) =>
            b[0] < a[0] || (b[0] === a[0] && (b[1] < a[1] || (b[1] === a[1] && b[2] < a[2]))) ? b : a,
          );
          expect(least[2]).toBe(id);
          expect(env.now).toBe(least[0]);
          pending.delete(id);
          for (let c = 0; c < s.children && budget-- > 0; c++) add(id + c + 1);
        };
        if (s.kind === 'schedule') env.schedule(delay, onFire, undefined, priority);
        else if (s.kind === 'timeout') env.timeout(delay).addCallback(onFire);
        else env.event().succeed().addCallback(onFire);
      };
      for (let k = 0; k < specs.length; k++) add(k);
      env.run();
      expect(pending.size).toBe(0);
    },
  );

  ftest.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), { maxLength: 200 })])(
    'EventQueue pops in (time, key) order like a sort',
    (entries) => {
      const q = new EventQueue<number>(4);
      entries.forEach(([t, p], i) => q.push(t, packKey(p, i), i));
      const popped: number[] = [];
      while (q.size > 0) popped.push(q.pop());
      const expected = entries
        .map(([t, p], i) => ({ t, k: packKey(p, i), i }))
        .sort((a, b) => a.t - b.t || a.k - b.k)
        .map((e) => e.i);
      expect(popped).toEqual(expected);
    },
  );

  it('two identical runs produce identical logs', () => {
    const once = (): number[] => {
      const env = new Environment();
      const log: number[] = [];
      for (let i = 0; i < 50; i++) env.timeout((i * 7) % 5).addCallback(() => log.push(i));
      env.run();
      return log;
    };
    expect(once()).toEqual(once());
  });
});
