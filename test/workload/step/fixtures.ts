// Small models and clusters for fast step-model tests (hand-checkable sizes).
import { H100_SXM, withGpus, type StepCluster } from '../../../src/workload/step/cluster.ts';
import type { StepModel } from '../../../src/workload/step/model.ts';

/** An 8-layer dense GQA model: d 1024, 8 heads of 128, 2 KV heads, FFN 4096, 4K context. */
export const TINY_DENSE: StepModel = {
  name: 'tiny-dense',
  layers: 8,
  moe_layers: 0,
  d_model: 1024,
  heads: 8,
  kv_heads: 2,
  head_dim: 128,
  expert_ffn_hidden: 0,
  dense_ffn_hidden: 4096,
  routed_experts: 0,
  top_k: 0,
  shared_experts: 0,
  vocab: 32000,
  context_tokens: 4096,
  bytes_per_weight: 2,
  bytes_per_activation: 2,
};

/** The dense model with 6 of its 8 layers MoE: 16 experts of FFN 512, top-2, one shared. */
export const TINY_MOE: StepModel = {
  ...TINY_DENSE,
  name: 'tiny-moe',
  moe_layers: 6,
  expert_ffn_hidden: 512,
  routed_experts: 16,
  top_k: 2,
  shared_experts: 1,
};

export const h100 = (gpus: number): StepCluster => withGpus(H100_SXM, gpus);
