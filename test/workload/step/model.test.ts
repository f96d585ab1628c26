import { describe, expect, test } from 'vitest';
import { activeParams, totalParams } from '../../../src/moe/formulas.ts';
import {
  activeParameters,
  attentionFlopsPerToken,
  modelFlopsPerToken,
  modelProblems,
  totalParameters,
} from '../../../src/workload/step/model.ts';
import { DEEPSEEK_V3, GPT_1T, LLAMA3_405B } from '../../../src/workload/step/models.ts';
import { TINY_MOE } from './fixtures.ts';

describe('step model parameters and model FLOPs', () => {
  test('without MLA or MTP, parameter counts equal src/moe/formulas.ts', () => {
    for (const m of [LLAMA3_405B, TINY_MOE]) {
      expect(totalParameters(m)).toBe(totalParams(m));
      expect(activeParameters(m)).toBe(activeParams(m));
    }
  });

  test('published sizes: Llama 3 405B, the 1T GPT, DeepSeek-V3 671B + 14B MTP / 37B active', () => {
    expect(totalParameters(LLAMA3_405B) / 1e9).toBeCloseTo(405.9, 0); // Meta 2024: 405B
    expect(totalParameters(GPT_1T) / 1e12).toBeCloseTo(1.01, 2); // SC'21 Table 1: 1008B
    // DeepSeek-V3 README: 671B + 14B MTP = 685B on HF; 37B activated (moe.md section 3)
    expect(totalParameters(DEEPSEEK_V3) / 685e9).toBeGreaterThan(0.99);
    expect(totalParameters(DEEPSEEK_V3) / 685e9).toBeLessThan(1.01);
    expect(activeParameters(DEEPSEEK_V3) / 1e9).toBeCloseTo(36.63, 1); // moe.md section 3: 36.63B without the input embedding
  });

  test('model FLOPs per token: 6 N + 3 x causal attention (250 GF for V3, ~2,448 GF for 405B: ISCA 2025 Table 2)', () => {
    // Hand-worked (moe.md 1.1): V3 attention fwd = 61 x 4096 x 128 x (192 + 128) = 10.23 GF.
    expect(attentionFlopsPerToken(DEEPSEEK_V3)).toBe(61 * 4096 * 128 * 320);
    expect(modelFlopsPerToken(DEEPSEEK_V3) / 1e9).toBeCloseTo(250.5, 0);
    expect(modelFlopsPerToken(LLAMA3_405B) / 2448e9).toBeGreaterThan(0.97);
    expect(modelFlopsPerToken(LLAMA3_405B) / 2448e9).toBeLessThan(1.04);
  });

  test('bad shapes are named', () => {
    expect(modelProblems({ ...TINY_MOE, top_k: 0 })).toContain(
      'an MoE model needs routed_experts >= 1 and 1 <= top_k <= routed_experts',
    );
    expect(modelProblems({ ...TINY_MOE, layers: 0 })[0]).toMatch(/layers must be an integer/);
  });
});
