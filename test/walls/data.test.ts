import { describe, expect, test } from 'vitest';
import { dataSupply, dataWall, effectiveRepeatedTokens, flopForTokens, tokensForFlop } from '../../src/walls/data.ts';

describe('data', () => {
  test('Muennighoff: 4 epochs of U unique tokens with R* = 15.4 are worth U(1 + 15.4(1 - e^(-3/15.4))) = 3.7259U', () => {
    // by hand: 3/15.4 = 0.194805; e^-0.194805 = 0.822995; 1 - that = 0.177005; x 15.4 = 2.725878
    expect(effectiveRepeatedTokens(1, 4, 15.4)).toBeCloseTo(3.725878, 5);
  });
  test('one epoch is just the unique tokens', () => {
    expect(effectiveRepeatedTokens(3e14, 1, 15.4)).toBe(3e14);
  });
  test('synthetic tokens count at their quality', () => {
    expect(dataSupply(1e14, 1, 15.4, 2e14, 0.5).total_tokens).toBe(2e14);
  });
  test('the data wall permits the compute-optimal run that uses exactly the tokens available', () => {
    const supply = dataSupply(3e14, 4, 15.4, 0, 0.5);
    const w = dataWall(supply, 1e27, 20);
    expect(w.permitted_flop).toBeCloseTo(flopForTokens(supply.total_tokens, 20), -10);
    expect(tokensForFlop(w.permitted_flop, 20)).toBeCloseTo(supply.total_tokens, -3);
    // 3e14 x 3.725846 = 1.11775e15 tokens; C = 6 D^2 / 20 = 3.748e29
    expect(w.permitted_flop / 3.748e29).toBeCloseTo(1, 3);
  });
});
