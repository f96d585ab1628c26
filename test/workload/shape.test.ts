import { describe, expect, test } from 'vitest';
import { activeParams, totalParams } from '../../src/moe/formulas.ts';
import { analyticProfile } from '../../src/workload/analytic.ts';
import { computeOptimalParams, shapeAt, shapeForActiveParams } from '../../src/workload/shape.ts';
import { loadScenario } from '../../src/scenario/load.ts';

// the schema's default model family (a scenario without `model:`): Llama 3.1 405B
const llama = loadScenario('test/fixtures/valid/minimal.yaml').scenario.model;

describe('frontier shape', () => {
  test('the Llama 3.1 405B shape at d_model 16,384 has ~405B parameters', () => {
    const s = shapeAt(llama, 16_384);
    expect(s.head_dim).toBe(128);
    expect(totalParams(s) / 405e9).toBeGreaterThan(0.99);
    expect(totalParams(s) / 405e9).toBeLessThan(1.02);
  });
  test('a shape is built by a constructor: its own keys in the ModelShape order, nothing else', () => {
    const s = shapeAt(llama, 16_384);
    expect(Object.keys(s)).toEqual([
      'layers',
      'moe_layers',
      'd_model',
      'heads',
      'kv_heads',
      'head_dim',
      'expert_ffn_hidden',
      'dense_ffn_hidden',
      'routed_experts',
      'top_k',
      'shared_experts',
      'vocab',
      'context_tokens',
      'bytes_per_weight',
      'bytes_per_activation',
    ]);
    expect(JSON.stringify({ ...s })).toBe(JSON.stringify(s));
  });
  test('shapeForActiveParams inverts activeParams', () => {
    for (const n of [1e9, 4.05e11, 3e13]) expect(activeParams(shapeForActiveParams(llama, n)) / n).toBeCloseTo(1, 9);
  });
  test('compute-optimal size: C = 6 N (20 N) -> N = sqrt(C / 120); 5.88e23 FLOP -> 70B (Chinchilla)', () => {
    expect(computeOptimalParams(5.88e23, 20)).toBeCloseTo(70e9, -6);
  });
  test('training FLOP per token of the 405B shape is ~6N plus attention (Kaplan: 6N + 6 L T d)', () => {
    const s = shapeAt(llama, 16_384);
    const p = analyticProfile(s).at(16_384, { ep_devices: 1, gpus_per_node: 8, max_nodes_per_token: 1 });
    const sixN = 6 * activeParams(s);
    expect(p.train_flop_per_token / sixN).toBeGreaterThan(1);
    expect(p.train_flop_per_token / sixN).toBeLessThan(1.15);
    expect(p.arithmetic_intensity).toBeGreaterThan(1000); // large micro-batches: compute-bound training
  });
});
