// The frontier placement of an MoE family: EP degree in whole scale-up domains, node limit, widths,
// and shared experts on the all-to-all only when the scenario places them as routed copies.
import { describe, expect, test } from 'vitest';
import { DEFAULTS } from '../../src/params/defaults.ts';
import type { MoeParams } from '../../src/params/params.ts';
import { familyOf } from '../../src/scenario/families.ts';
import { analyticProfile } from '../../src/workload/analytic.ts';
import { moePlacement } from '../../src/workload/moe-placement.ts';
import { shapeAt } from '../../src/workload/shape.ts';

const v3 = familyOf('deepseek-v3')!;
const shape = shapeAt({ ...DEFAULTS.model, ...v3.shape }, v3.published.d_model);
const moe: MoeParams = { ...DEFAULTS.moe, ep_devices: 64, node_limit: 4, dispatch_bytes_per_element: 1.03125 };

describe('moePlacement', () => {
  test('EP64 on 8-GPU nodes: 8 nodes, the node limit 4, FP8 dispatch + BF16 combine per element', () => {
    expect(moePlacement(moe, shape, 8)).toEqual({
      ep_devices: 64,
      gpus_per_node: 8,
      max_nodes_per_token: 4,
      a2a_bytes_per_element: 3.03125,
      shared_copies: 0,
    });
  });
  test('one NVL72 domain holds EP64 rounded up to the domain (72 GPUs, one node)', () => {
    const p = moePlacement(moe, shape, 72);
    expect(p.ep_devices).toBe(72);
    expect(p.max_nodes_per_token).toBe(1);
  });
  test('a routed shared expert is one more all-to-all copy per token: 9/8 of the bytes for top-8 + 1 shared', () => {
    const local = moePlacement(moe, shape, 8);
    const routed = moePlacement({ ...moe, shared_placement: 'routed' }, shape, 8);
    expect(routed.shared_copies).toBe(1);
    const profile = analyticProfile(shape);
    const a = profile.at(4096, local),
      b = profile.at(4096, routed);
    // uniform placement, 64 GPUs on 8 nodes: inter = K x 7/8, intra = K x (63/64 - 7/8) copies per layer
    const bytesPerCopy = shape.d_model * 3.03125;
    expect(a.a2a_bytes_per_token_inter_node).toBeCloseTo(58 * 8 * (7 / 8) * bytesPerCopy, 3);
    expect(b.a2a_bytes_per_token_inter_node / a.a2a_bytes_per_token_inter_node).toBeCloseTo(9 / 8, 12);
    expect(b.a2a_bytes_per_token_intra_node / a.a2a_bytes_per_token_intra_node).toBeCloseTo(9 / 8, 12);
    expect(b.train_flop_per_token).toBe(a.train_flop_per_token); // where it runs moves bytes, not FLOP
  });
  test('a dense family has a trivial placement', () => {
    const dense = shapeAt(DEFAULTS.model, 16384);
    expect(moePlacement(moe, dense, 8)).toEqual({ ep_devices: 1, gpus_per_node: 8, max_nodes_per_token: 1 });
  });
});
