// The tiny micro-MoE shape of the training tests: 2 layers (1 dense, 1 MoE of 4 experts, top-2,
// 1 shared), d = 8, 2 heads sharing 1 KV head, byte vocabulary (256), context 8.
import { resolveConfig } from '../../../src/moe/config.ts';

export const tinyConfig = (router: Record<string, unknown> = {}) =>
  resolveConfig(
    {
      bpe_merges: 0,
      shape: {
        layers: 2,
        moe_layers: 1,
        d_model: 8,
        heads: 2,
        kv_heads: 1,
        expert_ffn_hidden: 4,
        dense_ffn_hidden: 8,
        routed_experts: 4,
        top_k: 2,
        shared_experts: 1,
        context_tokens: 8,
      },
      router: { k_max: 3, ...router },
      placement: { devices: 2, nodes: 1, max_nodes_per_token: 1 },
      prompt_tokens: 4,
    },
    'tiny',
  );
