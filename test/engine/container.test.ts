// Container: a continuous level in [0, capacity]; put/get block until the amount fits/is there.
import { describe, expect, it } from 'vitest';
import { Environment, Container } from '../../src/engine/index.ts';

describe('Container', () => {
  it('get waits until enough is there and succeeds with the amount', () => {
    const env = new Environment();
    const tank = new Container(env, 100, 10);
    const log: string[] = [];
    env.process(function* () {
      const got = yield tank.get(30);
      log.push(`got ${String(got)}@${env.now}, level ${tank.level}`);
    });
    env.process(function* () {
      yield env.timeout(4);
      yield tank.put(25);
    });
    env.run();
    // 10 + 25 = 35 >= 30 at t=4; 35 - 30 = 5 left.
    expect(log).toEqual(['got 30@4, level 5']);
  });

  it('put waits until there is room for the whole amount', () => {
    const env = new Environment();
    const tank = new Container(env, 10, 8);
    const put = tank.put(5);
    expect(put.triggered).toBe(false);
    tank.get(2); // 6 left: room for 4, still not 5
    expect(put.triggered).toBe(false);
    tank.get(1); // 5 left: room for 5
    expect(put.triggered).toBe(true);
    expect(tank.level).toBe(10);
  });

  it('serves gets in arrival order: a large waiting get blocks a smaller later one', () => {
    const env = new Environment();
    const tank = new Container(env, 100, 0);
    const big = tank.get(50);
    const small = tank.get(5);
    tank.put(20);
    expect(big.triggered).toBe(false);
    expect(small.triggered).toBe(false);
    tank.put(40);
    expect(big.triggered).toBe(true);
    expect(small.triggered).toBe(true);
    expect(tank.level).toBe(5);
  });

  it('level stays within [0, capacity] and amounts are conserved', () => {
    const env = new Environment();
    // Capacity 12, level 3: puts of 2,5,1 fit at t=0, then gets at t=1..6 make room in turn.
    const tank = new Container(env, 12, 3);
    const amounts = [2, 5, 1, 4, 3, 6];
    let putTotal = 0;
    let getTotal = 0;
    env.process(function* () {
      for (const a of amounts) {
        yield tank.put(a);
        putTotal += a;
        expect(tank.level).toBeLessThanOrEqual(12);
      }
    });
    env.process(function* () {
      for (const a of amounts) {
        yield env.timeout(1);
        getTotal += (yield tank.get(a)) as number;
        expect(tank.level).toBeGreaterThanOrEqual(0);
      }
    });
    env.run();
    expect(tank.level).toBe(3 + putTotal - getTotal);
    expect(putTotal).toBe(21);
    expect(getTotal).toBe(21);
  });

  it.each([0, -1, NaN, Infinity, 11])('rejects amount %s', (amount) => {
    const env = new Environment();
    const tank = new Container(env, 10);
    expect(() => tank.put(amount)).toThrow(RangeError);
    expect(() => tank.get(amount)).toThrow(RangeError);
  });

  it('rejects an initial level outside [0, capacity]', () => {
    const env = new Environment();
    expect(() => new Container(env, 10, 11)).toThrow(RangeError);
    expect(() => new Container(env, 10, -1)).toThrow(RangeError);
  });
});
