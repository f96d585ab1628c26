// A review's supply level (src/model/supply.ts) keeps the engine Container's arithmetic: after the
// same puts and gets, the same level to the last bit; and it refuses what a Container refuses.
import { expect, test } from 'vitest';
import { Container, Environment, createRng } from '../../src/engine/index.ts';
import { SupplyLevel } from '../../src/model/supply.ts';

test('the same puts and takes leave the level a Container would hold, bit for bit', () => {
  const env = new Environment();
  const container = new Container(env);
  const level = new SupplyLevel();
  const rng = createRng(5, 'supply-level');
  for (let review = 0; review < 200; review++) {
    const arrives = rng.next() * 1e6;
    container.put(arrives);
    level.put(arrives);
    for (let k = rng.int(0, 3); k > 0; k--) {
      const take = Math.min(rng.next() * 4e5, container.level);
      if (!(take > 0)) break; // nothing left to take
      container.get(take);
      level.get(take);
      expect(level.level).toBe(container.level);
    }
    if (container.level > 0) {
      level.get(level.level);
      container.get(container.level);
    }
    expect(level.level).toBe(container.level);
  }
});

test('an amount that is not finite and positive, or more than is there, is refused', () => {
  const level = new SupplyLevel();
  level.put(10);
  expect(() => level.put(0)).toThrow(RangeError);
  expect(() => level.get(Infinity)).toThrow(RangeError);
  expect(() => level.get(11)).toThrow(RangeError);
  expect(level.level).toBe(10);
});
