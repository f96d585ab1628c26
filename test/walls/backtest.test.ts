// Published training runs, worked by hand, against the subsystem formulas.
import { describe, expect, test } from 'vitest';
import { runFlop } from '../../src/walls/compute.ts';
import { flopForTokens, tokensForFlop } from '../../src/walls/data.ts';

describe('backtests', () => {
  test('Llama 3.1 405B: 16,384 H100 x 989 TFLOP/s x 40% x 54 days = 3.0e25 FLOP (reported 3.8e25 over a longer run)', () => {
    const c = runFlop(16_384 * 989e12, 0.4, 54 * 86_400, 1);
    // by hand: 16384 * 989e12 = 1.6204e19 FLOP/s; x 0.4 = 6.4815e18; x 4,665,600 s = 3.0240e25
    expect(c).toBeCloseTo(3.024e25, -22);
    expect(c / 3.8e25).toBeGreaterThan(0.75);
    expect(c / 3.8e25).toBeLessThan(1);
  });
  test('GPT-3: C = 6ND = 6 x 175e9 x 300e9 = 3.15e23 (reported 3.14e23)', () => {
    const tokensPerParam = 300e9 / 175e9;
    expect(flopForTokens(300e9, tokensPerParam)).toBeCloseTo(3.15e23, -20);
    expect(Math.abs(flopForTokens(300e9, tokensPerParam) / 3.14e23 - 1)).toBeLessThan(0.01);
  });
  test('Chinchilla: 70B params on 1.4T tokens is C = 5.88e23 with D = 20N', () => {
    const c = 6 * 70e9 * 1.4e12;
    expect(c).toBeCloseTo(5.88e23, -20);
    expect(tokensForFlop(c, 20)).toBeCloseTo(1.4e12, -8);
    expect(flopForTokens(1.4e12, 20)).toBeCloseTo(c, -18);
  });
});
