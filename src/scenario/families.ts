// The model-family catalog: published frontier shapes a scenario names with `model.family`, each
// with its source. A family fixes the proportions (layers, heads, experts, FFN ratios); d_model then
// scales with the run (src/workload/shape.ts). Scenario fields beside `family` override it.
// Every entry at its published d_model reproduces the published total and active parameters with
// the project's parameter count (test/scenario/families.test.ts); attention widths that differ from
// d_model enter through head_dim_ratio (head_dim = ratio x d_model / heads).
// Tags: Q quoted, P paraphrased, R recall, E derived (shared/reference/infrastructure.md).
// Invariant: schemas/scenario.schema.json lists exactly these names under model.family.

/** How a family's router was trained to balance load (picks the sourced learned skew). */
export type Balancing = 'loss_free' | 'aux_loss';

export interface FamilyShape {
  layers: number;
  moe_layers: number;
  heads: number;
  kv_heads: number;
  head_dim_ratio: number;
  routed_experts: number;
  top_k: number;
  shared_experts: number;
  expert_ffn_ratio: number;
  dense_ffn_ratio: number;
  vocab: number;
  context_tokens: number;
}

export interface FamilyRouter {
  balancing: Balancing;
  /** Expert-parallel degree of the published training run (null: not published). */
  ep_devices: number | null;
  /** Most nodes one token's experts may span (null: no limit). */
  node_limit: number | null;
  /** All-to-all bytes per element dispatched and combined. */
  dispatch_bytes_per_element: number;
  combine_bytes_per_element: number;
}

export interface ModelFamily {
  label: string;
  kind: 'moe' | 'dense';
  source: string;
  shape: FamilyShape;
  /** The published model the proportions come from. */
  published: { d_model: number; total_params: number; active_params: number; training_tokens: number | null };
  /** Training tokens per active parameter of the published run (null: tokens not published). */
  tokens_per_active_param: number | null;
  /** The published run's global batch (tokens per optimizer step; null: not published), and the
   * critical-batch law (src/walls/critical-batch.ts) closest to it at the published scale. */
  batch: { tokens: number; law: 'kaplan_chinchilla' | 'deepseek_llm' } | null;
  /** Router facts of an MoE family (null for dense). */
  router: FamilyRouter | null;
}

/** DeepEP FP8 dispatch: 1 B per element plus one fp32 scale per 128 elements (moe.md 1.7; P). */
const FP8_WITH_SCALES = 1 + 4 / 128;

export const MODEL_FAMILIES = {
  // DeepSeek-V3 Technical Report, arXiv:2412.19437 (2024) and inference/configs/config_671B.json
  // (Q): 61 layers (3 dense + 58 MoE), d 7,168, 128 heads, 1 shared + 256 routed experts of
  // 2,048, top-8, dense FFN 18,432, vocab 129,280, 4K pre-training context; 671B total / 37B
  // active; 14.8T tokens; aux-loss-free bias balancing, no token dropping; EP64 over 8 nodes,
  // node-limited to 4 nodes; FP8 dispatch, BF16 combine (moe.md sections 1.7, 3; P).
  'deepseek-v3': {
    label: 'DeepSeek-V3 (671B total, 37B active, 256+1 experts, top-8)',
    kind: 'moe',
    source: 'DeepSeek-V3 Technical Report, arXiv:2412.19437 (2024), config_671B.json',
    shape: {
      layers: 61,
      moe_layers: 58,
      heads: 128,
      // MLA stands in as GQA with 8 KV heads (moe.md 1.2); head_dim 1.71 x d/heads = 95.9 gives MLA's
      // 187M attention parameters per layer: q 7168x1536 + 1536x128x192, kv 7168x576 + 512x128x256,
      // o 128x128x7168 = 187.1M = 7168 x 95.9 x (2x128 + 2x8) (E)
      kv_heads: 8,
      head_dim_ratio: 1.71,
      routed_experts: 256,
      top_k: 8,
      shared_experts: 1,
      expert_ffn_ratio: 2048 / 7168,
      dense_ffn_ratio: 18432 / 7168,
      vocab: 129280,
      context_tokens: 4096,
    },
    published: { d_model: 7168, total_params: 671e9, active_params: 37e9, training_tokens: 14.8e12 },
    tokens_per_active_param: 14.8e12 / 37e9, // 400 (E)
    // 15,360 sequences x 4,096 tokens in the final batch (arXiv:2412.19437 4.2; Q). At V3's
    // 3.3e24 FLOP the DeepSeek LLM law (arXiv:2401.02954) gives 31M tokens, Kaplan-Chinchilla 9.9M (E)
    batch: { tokens: 15360 * 4096, law: 'deepseek_llm' },
    router: {
      balancing: 'loss_free',
      ep_devices: 64,
      node_limit: 4,
      dispatch_bytes_per_element: FP8_WITH_SCALES,
      combine_bytes_per_element: 2,
    },
  },
  // Qwen3 Technical Report, arXiv:2505.09388 (2025), and its Megatron model args (Q via the slime
  // repository's qwen3-235B-A22B.sh): 94 layers all MoE, d 4,096, 64 heads of 128 (attention width
  // 2 x d_model), 4 KV heads, 128 experts of 1,536, top-8, no shared expert, vocab 151,936;
  // 235B / 22B; 36T pre-training tokens (Q); global-batch auxiliary balancing loss (P).
  'qwen3-235b-a22b': {
    label: 'Qwen3-235B-A22B (235B total, 22B active, 128 experts, top-8)',
    kind: 'moe',
    source: 'Qwen3 Technical Report, arXiv:2505.09388 (2025); Qwen/Qwen3-235B-A22B config.json',
    shape: {
      layers: 94,
      moe_layers: 94,
      heads: 64,
      kv_heads: 4,
      head_dim_ratio: 2, // head_dim 128 = 2 x 4096 / 64 (Q)
      routed_experts: 128,
      top_k: 8,
      shared_experts: 0,
      expert_ffn_ratio: 1536 / 4096,
      dense_ffn_ratio: 12288 / 4096,
      vocab: 151936,
      context_tokens: 4096, // first pre-training stages at 4,096 tokens (Qwen3 report; P)
    },
    published: { d_model: 4096, total_params: 235e9, active_params: 22e9, training_tokens: 36e12 },
    tokens_per_active_param: 36e12 / 22e9, // 1,636 (E)
    batch: null,
    router: {
      balancing: 'aux_loss',
      ep_devices: null,
      node_limit: null,
      dispatch_bytes_per_element: 2,
      combine_bytes_per_element: 2,
    },
  },
  // Llama 4 Maverick (Meta, "The Llama 4 herd", model card, 2025; Q via Megatron model args):
  // 48 layers alternating dense and MoE (24 MoE), d 5,120, 40 heads, 8 KV heads, 128 routed
  // experts of 8,192 + 1 shared, top-1, dense FFN 16,384, vocab 202,048; 400B / 17B;
  // ~22T pre-training tokens (model card; R). Balancing method not published (assumption: aux loss).
  'llama-4-maverick': {
    label: 'Llama 4 Maverick (400B total, 17B active, 128+1 experts, top-1)',
    kind: 'moe',
    source: 'Meta, Llama 4 Maverick model card (2025); meta-llama/Llama-4-Maverick-17B-128E config.json',
    shape: {
      layers: 48,
      moe_layers: 24,
      heads: 40,
      kv_heads: 8,
      head_dim_ratio: 1, // head_dim 128 = 5120 / 40 (Q)
      routed_experts: 128,
      top_k: 1,
      shared_experts: 1,
      expert_ffn_ratio: 8192 / 5120,
      dense_ffn_ratio: 16384 / 5120,
      vocab: 202048,
      context_tokens: 8192, // assumption: not published for pre-training
    },
    published: { d_model: 5120, total_params: 400e9, active_params: 17e9, training_tokens: 22e12 },
    tokens_per_active_param: 22e12 / 17e9, // 1,294 (E)
    batch: null,
    router: {
      balancing: 'aux_loss',
      ep_devices: null,
      node_limit: null,
      dispatch_bytes_per_element: 2,
      combine_bytes_per_element: 2,
    },
  },
  // gpt-oss-120b (OpenAI, gpt-oss model card, arXiv:2508.10925, 2025; Q via config.json): 36
  // layers all MoE, d 2,880, 64 heads of 64 (attention width 4,096), 8 KV heads, 128 experts of
  // 2,880, top-4, no shared expert, vocab 201,088, 4,096-token initial context; 116.8B / 5.1B;
  // router_aux_loss_coef 0.9 (Q). Training tokens not published ("trillions"; R).
  'gpt-oss-120b': {
    label: 'gpt-oss-120b (117B total, 5.1B active, 128 experts, top-4)',
    kind: 'moe',
    source: 'OpenAI, gpt-oss-120b & gpt-oss-20b model card, arXiv:2508.10925 (2025); openai/gpt-oss-120b config.json',
    shape: {
      layers: 36,
      moe_layers: 36,
      heads: 64,
      kv_heads: 8,
      head_dim_ratio: (64 * 64) / 2880, // head_dim 64 = 1.42 x 2880 / 64 (Q)
      routed_experts: 128,
      top_k: 4,
      shared_experts: 0,
      expert_ffn_ratio: 1,
      dense_ffn_ratio: 1,
      vocab: 201088,
      context_tokens: 4096,
    },
    published: { d_model: 2880, total_params: 116.8e9, active_params: 5.1e9, training_tokens: null },
    tokens_per_active_param: null,
    batch: null,
    router: {
      balancing: 'aux_loss',
      ep_devices: null,
      node_limit: null,
      dispatch_bytes_per_element: 2,
      combine_bytes_per_element: 2,
    },
  },
  // Llama 3.1 405B (Meta, "The Llama 3 Herd of Models", 2024; Q): dense, 126 layers, d 16,384,
  // 128 heads, 8 KV heads, FFN 53,248, vocab 128,256, 8K context; 15.6T tokens (Q).
  'llama-3.1-405b': {
    label: 'Llama 3.1 405B (dense)',
    kind: 'dense',
    source: 'Meta, "The Llama 3 Herd of Models", arXiv:2407.21783 (2024)',
    shape: {
      layers: 126,
      moe_layers: 0,
      heads: 128,
      kv_heads: 8,
      head_dim_ratio: 1,
      routed_experts: 0,
      top_k: 0,
      shared_experts: 0,
      expert_ffn_ratio: 3.25,
      dense_ffn_ratio: 3.25,
      vocab: 128256,
      context_tokens: 8192,
    },
    published: { d_model: 16384, total_params: 405e9, active_params: 405e9, training_tokens: 15.6e12 },
    tokens_per_active_param: 15.6e12 / 405e9, // 38.5 (E)
    // 16M-token final batch (Meta 2024; Q). At 3.8e25 FLOP Kaplan-Chinchilla gives 11.6M, the
    // DeepSeek LLM law 68M (E)
    batch: { tokens: 16e6, law: 'kaplan_chinchilla' },
    router: null,
  },
} as const satisfies Record<string, ModelFamily>;

export type FamilyName = keyof typeof MODEL_FAMILIES;
export const FAMILY_NAMES = Object.keys(MODEL_FAMILIES) as FamilyName[];

export function familyOf(name: string | undefined): ModelFamily | null {
  return name !== undefined && name in MODEL_FAMILIES ? MODEL_FAMILIES[name as FamilyName] : null;
}
