// The model-family catalog: each entry at its published d_model reproduces its published total and
// active parameters with the project's parameter count, the schema lists exactly its names, and a
// scenario naming a family gets its shape, router and tokens per active parameter unless it says
// otherwise.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { activeParams, totalParams } from '../../src/moe/formulas.ts';
import { normalize } from '../../src/params/params.ts';
import { FAMILY_NAMES, MODEL_FAMILIES } from '../../src/scenario/families.ts';
import type { FirstwallScenario } from '../../src/scenario/types.gen.ts';
import { shapeAt } from '../../src/workload/shape.ts';
import { criticalBatchTokens } from '../../src/walls/critical-batch.ts';

const minimal: FirstwallScenario = {
  name: 'families',
  horizon: { start_year: 2025, end_year: 2026 },
  demand: { frontier_run_flop: 1e26, growth_per_year: 4 },
  hardware: [
    {
      name: 'H100',
      first_year: 2022,
      bf16_tflops: 989,
      hbm_gb: 80,
      hbm_tb_per_s: 3.35,
      tdp_w: 700,
      scale_up_gb_per_s: 900,
      scale_out_gbit_per_s: 400,
    },
  ],
  sites: [{ name: 'a', grid_mw: 100 }],
};

describe('catalog entries reproduce their published sizes', () => {
  test.each(FAMILY_NAMES)('%s at its published d_model', (name) => {
    const f = MODEL_FAMILIES[name];
    const s = shapeAt({ ...f.shape, bytes_per_weight: 2, bytes_per_activation: 2 }, f.published.d_model);
    expect(Math.abs(totalParams(s) / f.published.total_params - 1)).toBeLessThan(0.01);
    // active without the input embedding (Kaplan's N); Llama 4 Maverick's 17B counts it (16.15B + 1.03B)
    expect(Math.abs(activeParams(s) / f.published.active_params - 1)).toBeLessThan(0.06);
    if (f.tokens_per_active_param !== null && f.published.training_tokens !== null)
      expect(f.tokens_per_active_param).toBeCloseTo(f.published.training_tokens / f.published.active_params, 9);
    expect(f.shape.moe_layers <= f.shape.layers && f.shape.top_k <= Math.max(1, f.shape.routed_experts)).toBe(true);
    expect(f.kind === 'moe').toBe(f.router !== null);
  });
  test('DeepSeek-V3: 671B total, 36.6B active without the input embedding (moe.md: 36.63B)', () => {
    const f = MODEL_FAMILIES['deepseek-v3'];
    const s = shapeAt({ ...f.shape, bytes_per_weight: 2, bytes_per_activation: 2 }, 7168);
    expect(totalParams(s) / 1e9).toBeCloseTo(671, 0);
    expect(activeParams(s) / 1e9).toBeCloseTo(36.6, 1);
  });
});

test("a family's critical-batch law is the one nearer its published batch at the published scale", () => {
  const laws = ['kaplan_chinchilla', 'deepseek_llm'] as const;
  for (const f of Object.values(MODEL_FAMILIES)) {
    if (!f.batch || f.published.training_tokens === null) continue;
    const n = f.published.active_params,
      d = f.published.training_tokens;
    const miss = (law: (typeof laws)[number]) =>
      Math.abs(Math.log(criticalBatchTokens(law, 6 * n * d, n, d, 0) / f.batch.tokens));
    const other = laws.find((l) => l !== f.batch!.law)!;
    expect(miss(f.batch.law)).toBeLessThan(miss(other));
  }
});

test('the scenario schema lists exactly the catalog names', () => {
  const schema = JSON.parse(readFileSync('schemas/scenario.schema.json', 'utf8'));
  expect(schema.$defs.model.properties.family.enum).toEqual(FAMILY_NAMES);
});

describe('a scenario naming a family', () => {
  test('gets its shape, router and tokens per active parameter', () => {
    const p = normalize({ ...minimal, model: { family: 'deepseek-v3' } });
    expect(p.model.routed_experts).toBe(256);
    expect(p.model.head_dim_ratio).toBe(1.71);
    expect(p.data.tokens_per_param).toBeCloseTo(400, 9);
    expect(p.moe.node_limit).toBe(4);
    expect(p.moe.balancing).toBe('loss_free');
    expect(p.moe.dispatch_bytes_per_element).toBeCloseTo(1 + 4 / 128, 12);
    expect(p.family?.name).toBe('deepseek-v3');
    expect(p.model.critical_batch_law).toBe('deepseek_llm');
    expect(p.model.critical_batch_tokens).toBe(15360 * 4096);
  });
  test('fields beside the family, /moe and /data override it', () => {
    const p = normalize({
      ...minimal,
      model: { family: 'deepseek-v3', top_k: 4 },
      moe: { node_limit: 2, learned_skew: 'measured' },
      data: { tokens_per_param: 20 },
    });
    expect(p.model.top_k).toBe(4);
    expect(p.model.layers).toBe(61);
    expect(p.moe.node_limit).toBe(2);
    expect(p.moe.learned_skew).toBe('measured');
    expect(p.data.tokens_per_param).toBe(20);
  });
  test('no family: the defaults (dense Llama 3.1 405B shape, Chinchilla 20), no node limit, aux-loss balancing', () => {
    const p = normalize(minimal);
    expect(p.family).toBeNull();
    expect(p.model.routed_experts).toBe(0);
    expect(p.data.tokens_per_param).toBe(20);
    expect(p.moe.node_limit).toBe(0);
    expect(p.moe.balancing).toBe('aux_loss');
  });
  test('a family without published tokens (gpt-oss-120b) keeps the default ratio', () => {
    expect(normalize({ ...minimal, model: { family: 'gpt-oss-120b' } }).data.tokens_per_param).toBe(20);
  });
});
