// The shape of a decoder-only (MoE) transformer: what the formulas, the micro-MoE and the frontier
// workload all describe a model by.

/** The frontier model's shape (names follow ../shared/reference/moe.md section 0). */
export interface ModelShape {
  layers: number;
  /** Layers whose FFN is an MoE block (the rest are dense). */
  moe_layers: number;
  d_model: number;
  heads: number;
  kv_heads: number;
  head_dim: number;
  /** Hidden size of one expert's SwiGLU FFN (3·d·f parameters). */
  expert_ffn_hidden: number;
  /** Hidden size of a dense layer's SwiGLU FFN. */
  dense_ffn_hidden: number;
  /** Routed experts per MoE layer (N); 0 means a dense model. */
  routed_experts: number;
  /** Routed experts chosen per token (K). */
  top_k: number;
  /** Shared, always-on experts per MoE layer (S). */
  shared_experts: number;
  vocab: number;
  /** Training sequence length (tokens of context). */
  context_tokens: number;
  bytes_per_weight: number;
  bytes_per_activation: number;
}
