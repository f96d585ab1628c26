// Published model shapes the step model is checked against (test/workload/step/published.test.ts)
// and that library users can start from. Each field cites its source.
// Invariant: shapes as published; nothing here is tuned to a measured throughput.
import type { StepModel } from './model.ts';

/** Llama 3.1 405B (Meta, "The Llama 3 Herd of Models", 2024, Table 3; Q). */
export const LLAMA3_405B: StepModel = {
  name: 'llama3-405b',
  layers: 126,
  moe_layers: 0,
  d_model: 16384,
  heads: 128,
  kv_heads: 8,
  head_dim: 128,
  expert_ffn_hidden: 0,
  dense_ffn_hidden: 53248,
  routed_experts: 0,
  top_k: 0,
  shared_experts: 0,
  vocab: 128256,
  context_tokens: 8192,
  bytes_per_weight: 2,
  bytes_per_activation: 2,
};

/**
 * The 1T-parameter GPT of Megatron-LM (Narayanan et al., SC'21, Table 1; Q): 128 layers, hidden
 * 25,600, 160 heads, sequence 2,048, vocabulary 51,200. Its GELU MLP (two matrices, 4h) is
 * written as a SwiGLU of the same parameters and FLOPs: f = 8h/3 (3 d f = 8 h^2; E).
 */
export const GPT_1T: StepModel = {
  name: 'megatron-gpt-1t',
  layers: 128,
  moe_layers: 0,
  d_model: 25600,
  heads: 160,
  kv_heads: 160,
  head_dim: 160,
  expert_ffn_hidden: 0,
  dense_ffn_hidden: (8 * 25600) / 3,
  routed_experts: 0,
  top_k: 0,
  shared_experts: 0,
  vocab: 51200,
  context_tokens: 2048,
  bytes_per_weight: 2,
  bytes_per_activation: 2,
};

/**
 * DeepSeek-V3 (inference/configs/config_671B.json and the technical report, arXiv:2412.19437,
 * 2024; Q; shared/reference/moe.md section 3): 61 layers (3 dense + 58 MoE), MLA, 1 shared + 256
 * routed experts of hidden 2,048, top-8, one MTP module, 4,096-token pre-training sequences.
 */
export const DEEPSEEK_V3: StepModel = {
  name: 'deepseek-v3',
  layers: 61,
  moe_layers: 58,
  d_model: 7168,
  heads: 128,
  kv_heads: 128,
  head_dim: 128,
  expert_ffn_hidden: 2048,
  dense_ffn_hidden: 18432,
  routed_experts: 256,
  top_k: 8,
  shared_experts: 1,
  vocab: 129280,
  context_tokens: 4096,
  bytes_per_weight: 1,
  bytes_per_activation: 2,
  mtp_depth: 1,
  mla: { q_lora_rank: 1536, kv_lora_rank: 512, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128 },
};
