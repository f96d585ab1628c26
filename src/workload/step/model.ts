// The model a training step trains: a decoder-only (MoE) transformer shape (src/moe/shape.ts) plus
// what the step model needs beyond it: DeepSeek's multi-head latent attention (MLA) and
// multi-token-prediction modules. Parameter counts per layer kind and the model FLOPs per token
// that MFU is measured against.
// Invariant: with no MLA and no MTP, parameter counts equal src/moe/formulas.ts's (a test checks).
// Layer order: the first `layers - moe_layers` layers are dense, the rest MoE (DeepSeek-V3: 3 + 58).
import { expertParams } from '../../moe/formulas.ts';
import type { ModelShape } from '../../moe/shape.ts';

/** Multi-head latent attention (DeepSeek-V2/V3, inference/configs/config_671B.json). */
export interface MlaShape {
  q_lora_rank: number;
  kv_lora_rank: number;
  qk_nope_head_dim: number;
  qk_rope_head_dim: number;
  v_head_dim: number;
}

export interface StepModel extends ModelShape {
  name?: string;
  /** MLA replaces the Q/K/V projections; heads keeps its meaning, head_dim is ignored. */
  mla?: MlaShape;
  /** Multi-token-prediction modules after the last layer (DeepSeek-V3: 1), each one more layer + head. */
  mtp_depth?: number;
}

/** Query/key and value widths per head. */
export function headDims(m: StepModel): { qk: number; v: number } {
  if (m.mla) return { qk: m.mla.qk_nope_head_dim + m.mla.qk_rope_head_dim, v: m.mla.v_head_dim };
  return { qk: m.head_dim, v: m.head_dim };
}

/** Parameters of one layer's attention block (projections and the two norm gains). */
export function attentionParams(m: StepModel): number {
  const d = m.d_model,
    h = m.heads;
  if (m.mla) {
    const a = m.mla,
      { qk, v } = headDims(m);
    const q = a.q_lora_rank > 0 ? d * a.q_lora_rank + a.q_lora_rank + a.q_lora_rank * h * qk : d * h * qk;
    const kv =
      d * (a.kv_lora_rank + a.qk_rope_head_dim) + a.kv_lora_rank + a.kv_lora_rank * h * (a.qk_nope_head_dim + v);
    return q + kv + h * v * d + 2 * d;
  }
  return d * (h + 2 * m.kv_heads) * m.head_dim + h * m.head_dim * d + 2 * d;
}

export const denseMlpParams = (m: StepModel): number => 3 * m.d_model * m.dense_ffn_hidden;
export const routerParams = (m: StepModel): number => m.d_model * m.routed_experts;
/** Always-on parameters of an MoE layer's FFN: router and shared experts. */
export const moeSharedParams = (m: StepModel): number => routerParams(m) + m.shared_experts * expertParams(m);
/** Routed expert parameters of one MoE layer (every expert). */
export const moeRoutedParams = (m: StepModel): number => m.routed_experts * expertParams(m);
export const denseLayerCount = (m: StepModel): number => m.layers - m.moe_layers;
export const embeddingParams = (m: StepModel): number => m.vocab * m.d_model;

/** Parameters of the MTP modules: each a projection 2d->d, two norms and one more (MoE) layer; head shared. */
export function mtpParams(m: StepModel): number {
  const depth = m.mtp_depth ?? 0;
  if (depth === 0) return 0;
  const ffn = m.moe_layers > 0 ? moeSharedParams(m) + moeRoutedParams(m) : denseMlpParams(m);
  return depth * (2 * m.d_model * m.d_model + 2 * m.d_model + attentionParams(m) + ffn);
}

/** Every parameter: layers, every expert, input embedding, untied head, final norm and MTP modules. */
export function totalParameters(m: StepModel): number {
  const dense = denseLayerCount(m) * (attentionParams(m) + denseMlpParams(m));
  const moe = m.moe_layers * (attentionParams(m) + moeSharedParams(m) + moeRoutedParams(m));
  return dense + moe + 2 * embeddingParams(m) + m.d_model + mtpParams(m);
}

/** Parameters active per token, without the input embedding and MTP (Kaplan's N incl. the head). */
export function activeParameters(m: StepModel): number {
  const dense = denseLayerCount(m) * (attentionParams(m) + denseMlpParams(m));
  const moe = m.moe_layers * (attentionParams(m) + moeSharedParams(m) + m.top_k * expertParams(m));
  return dense + moe + embeddingParams(m) + m.d_model;
}

/**
 * Causal attention forward FLOPs per token, all layers: QK^T and PV over on average s/2 keys,
 * 2 s/2 h (d_qk + d_v) per layer (Megatron-LM training.py num_floating_point_operations halves the
 * core attention for the causal mask; moe.md 1.1 rebuilds DeepSeek-V3's 250 GF/token this way).
 */
export function attentionFlopsPerToken(m: StepModel, seq_tokens = m.context_tokens): number {
  const { qk, v } = headDims(m);
  return m.layers * seq_tokens * m.heads * (qk + v);
}

/** Model FLOPs per trained token, the MFU numerator: 6 N_active + 3 x causal attention forward. */
export function modelFlopsPerToken(m: StepModel, seq_tokens = m.context_tokens): number {
  return 6 * activeParameters(m) + 3 * attentionFlopsPerToken(m, seq_tokens);
}

/** Problems with a model, as messages naming the field; empty when valid. */
export function modelProblems(m: StepModel): string[] {
  const out: string[] = [];
  const ints = ['layers', 'heads', 'kv_heads', 'vocab', 'context_tokens'] as const;
  for (const k of ints) if (!(Number.isSafeInteger(m[k]) && m[k] >= 1)) out.push(`${k} must be an integer >= 1`);
  // d_model may be fractional: a family scaled to a compute-optimal size (src/workload/shape.ts).
  if (!(m.d_model > 0 && Number.isFinite(m.d_model))) out.push('d_model must be finite and > 0');
  if (!(m.moe_layers >= 0 && m.moe_layers <= m.layers)) out.push('moe_layers must be in [0, layers]');
  if (m.moe_layers > 0 && !(m.routed_experts >= 1 && m.top_k >= 1 && m.top_k <= m.routed_experts))
    out.push('an MoE model needs routed_experts >= 1 and 1 <= top_k <= routed_experts');
  if (!m.mla && !(m.head_dim > 0)) out.push('head_dim must be > 0');
  if (m.moe_layers < m.layers && !(m.dense_ffn_hidden > 0)) out.push('dense_ffn_hidden must be > 0');
  return out;
}
