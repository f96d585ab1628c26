// Store: a FIFO buffer; get blocks while empty, put blocks while full.
import { describe, expect, it } from 'vitest';
import { Environment, Store } from '../../src/engine/index.ts';

describe('Store', () => {
  it('get blocks until an item is put and returns items oldest first', () => {
    const env = new Environment();
    const store = new Store<string>(env);
    const log: string[] = [];
    env.process(function* () {
      for (let i = 0; i < 3; i++) {
        const item = yield store.get();
        log.push(`${String(item)}@${env.now}`);
      }
    });
    env.process(function* () {
      yield env.timeout(2);
      yield store.put('x');
      yield store.put('y');
      yield env.timeout(1);
      yield store.put('z');
    });
    env.run();
    expect(log).toEqual(['x@2', 'y@2', 'z@3']);
  });

  it('put blocks while the store is full', () => {
    const env = new Environment();
    const store = new Store<number>(env, 2);
    const log: string[] = [];
    env.process(function* () {
      for (let i = 1; i <= 4; i++) {
        yield store.put(i);
        log.push(`put ${i}@${env.now}`);
      }
    });
    env.process(function* () {
      yield env.timeout(5);
      const v = yield store.get();
      log.push(`got ${String(v)}@${env.now}`);
    });
    env.run();
    expect(log).toEqual(['put 1@0', 'put 2@0', 'got 1@5', 'put 3@5']);
    expect(store.size).toBe(2);
    expect(store.contents).toEqual([2, 3]);
    expect(store.putQueueLength).toBe(1); // item 4 still waits
  });

  it('a waiting get can be cancelled', () => {
    const env = new Environment();
    const store = new Store<number>(env);
    const g1 = store.get();
    const g2 = store.get();
    expect(store.cancel(g1)).toBe(true);
    store.put(7);
    env.run();
    expect(g1.triggered).toBe(false);
    expect(g2.value).toBe(7);
    expect(store.cancel(g2)).toBe(false);
  });
});
