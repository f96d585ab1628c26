import { describe, expect, test } from 'vitest';
import { dataSupply, dataWall, effectiveRepeatedTokens, flopForTokens, tokensForFlop } from '../../src/walls/data.ts';
import { wallInputs } from './fixtures.ts';

const stock = (over: Partial<ReturnType<typeof wallInputs>['data']> = {}) => ({ ...wallInputs().data, ...over });

describe('data wall', () => {
  test('Muennighoff: 4 epochs of U unique tokens with R* = 15.4 are worth U(1 + 15.4(1 - e^(-3/15.4))) = 3.7259U', () => {
    // by hand: 3/15.4 = 0.194805; e^-0.194805 = 0.822995; 1 - that = 0.177005; x 15.4 = 2.725878
    expect(effectiveRepeatedTokens(1, 4, 15.4)).toBeCloseTo(3.725878, 5);
    expect(effectiveRepeatedTokens(3e14, 1, 15.4)).toBe(3e14);
  });
  test('an effective stock is used as is; repetition applies only to a raw stock', () => {
    expect(dataSupply(stock({ stock_kind: 'effective' })).human_tokens).toBe(3e14);
    expect(dataSupply(stock({ stock_kind: 'raw' })).human_tokens).toBeCloseTo(3e14 * 3.725878, -9);
  });
  test('synthetic tokens count at their quality', () => {
    expect(dataSupply(stock({ stock_tokens: 1e14, synthetic_tokens: 2e14, synthetic_quality: 0.5 })).total_tokens).toBe(
      2e14,
    );
  });
  test('GPT-3: C = 6ND = 6 x 175e9 x 300e9 = 3.15e23 (reported 3.14e23); Chinchilla 70B on 1.4T = 5.88e23', () => {
    expect(flopForTokens(300e9, 300e9 / 175e9)).toBeCloseTo(3.15e23, -20);
    expect(tokensForFlop(6 * 70e9 * 1.4e12, 20)).toBeCloseTo(1.4e12, -8);
  });
  test('Villalobos et al. 2024 replay: 300T effective tokens are fully used by a ~2.7e28 FLOP run, reached ~2028-29 at 4x/yr from 2024', () => {
    // Inputs from the paper: 300T effective tokens (already counting multi-epoch use), Chinchilla
    // scaling (20 tokens/param). By hand: C = 6 x (3e14)^2 / 20 = 2.7e28 FLOP. From Llama 3.1's
    // 3.8e25 in 2024 at Epoch AI's 4x/yr: 2024 + log4(2.7e28 / 3.8e25) = 2028.7 (paper: median 2028,
    // 80% CI 2026-2032; their ~5e28 at 4e14 tokens).
    const w = dataWall.permit(wallInputs({ target_flop: 1e28 }));
    expect(w.permitted_flop).toBeCloseTo(2.7e28, -24);
    const year = 2024 + Math.log(w.permitted_flop / 3.8e25) / Math.log(4);
    expect(year).toBeGreaterThan(2026);
    expect(year).toBeLessThan(2032);
    expect(w.limited_by).toBe('human text stock');
  });
});
