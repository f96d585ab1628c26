import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PINNED_SEED, seedFromEnv } from './fast-check-seed.ts';

describe('property tests run under one seed', () => {
  test('the setup file pins fast-check’s global seed (FC_SEED, when set, chooses another)', () => {
    const expected = process.env.FC_SEED ? Number(process.env.FC_SEED) | 0 : PINNED_SEED;
    expect(fc.readConfigureGlobal().seed).toBe(expected);
  });

  test('the same seed draws the same cases', () => {
    const draw = () => fc.sample(fc.integer(), { seed: seedFromEnv(undefined), numRuns: 5 });
    expect(draw()).toEqual(draw());
  });

  test('FC_SEED takes an integer and nothing else', () => {
    expect(seedFromEnv(undefined)).toBe(PINNED_SEED);
    expect(seedFromEnv('')).toBe(PINNED_SEED);
    expect(seedFromEnv('42')).toBe(42);
    expect(seedFromEnv('-7')).toBe(-7);
    expect(() => seedFromEnv('1.5')).toThrow(/FC_SEED must be an integer, got "1.5"/);
    expect(() => seedFromEnv('abc')).toThrow(/FC_SEED must be an integer/);
  });
});
