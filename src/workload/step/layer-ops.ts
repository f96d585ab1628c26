// The operations of one transformer layer for one micro-batch on one GPU, forward and backward,
// with FLOPs and HBM bytes per op (counted as src/moe/formulas.ts counts them: a multiply-add is
// 2 FLOPs) and what each op saves for the backward pass. Layer kinds: attention (GQA/MHA or MLA),
// dense SwiGLU MLP, MoE FFN (router, permute, grouped expert GEMMs, shared experts), and the
// pipeline's ends (embedding; final norm, LM head and loss; DeepSeek's MTP module).
// Conventions: a GEMM's backward is a dgrad and a wgrad GEMM of the same FLOPs; flash attention's
// backward does 2.5x its forward FLOPs (it recomputes QK^T: FlashAttention-2, Dao 2023); a
// streaming op's backward moves twice its forward bytes. Tensor parallelism splits heads and FFN
// columns; with sequence parallelism the norms and residuals work on n/tp tokens. Routed experts
// are not tensor-parallel (expert TP = 1): each GPU dispatches its n/tp tokens to the EP group.
// Saved inputs of plan-precision GEMMs are cached at that precision (FP8 training caches linear
// inputs and the SwiGLU input in FP8: DeepSeek-V3 report section 3.3.3; P); the rest in BF16.
// Each op is timed on the roofline (kernels.ts) as it is described and added to its list's running
// totals (OpTally: the RawCost a layer's ops sum to, field by field in op order), so a layer cost
// builds no op objects (the plan search asks for thousands of layer-cost tables per run).
// Invariant: every field is finite and >= 0; FLOPs scale linearly with the micro-batch tokens
// except attention's, which scales with tokens x sequence.
import { attentionUs, gemmUs, vectorUs, type Roofline } from './kernels.ts';
import { headDims, type StepModel } from './model.ts';
import type { RawCost } from './recompute.ts';

export interface OpContext {
  /** Tokens of one micro-batch on this GPU's CP rank (before the TP split). */
  n: number;
  /** Sequence length: the keys a causal query sees span s/2 on average. */
  seq: number;
  tp: number;
  sp: boolean;
  /** Bytes per activation element (BF16). */
  b: number;
  /** Bytes per operand element of the plan-precision GEMMs (2 BF16, 1 FP8, 0.5 FP4). */
  bin: number;
  materialized: boolean;
  ep: number;
  /** Tokens the busiest GPU's experts receive / the mean (1 = balanced router). */
  imbalance: number;
}

/** An op list's running totals and the roofline its ops are timed on. */
export interface OpTally {
  raw: RawCost;
  r: Roofline;
}

export const newTally = (r: Roofline): OpTally => ({
  raw: {
    fwd_us: 0,
    dgrad_us: 0,
    wgrad_us: 0,
    selective_us: 0,
    fwd_flops: 0,
    bwd_flops: 0,
    selective_flops: 0,
    saved_bytes: 0,
    selective_saved_bytes: 0,
    attention: { fwd_us: 0, bwd_us: 0 },
  },
  r,
});

/** A tally that goes on from where `t` is (ops shared by two lists: attention before the MLP or MoE FFN). */
export const copyTally = (t: OpTally): OpTally => ({
  raw: { ...t.raw, attention: { ...t.raw.attention } },
  r: t.r,
});

const BF16 = 2;
const FP32 = 4;

/** An op's forward pass (`f` us, `flops`) and what it saves for the backward pass: `saved` bytes,
 * which selective recompute drops (rerunning the forward) where `selective`. */
function forward(t: OpTally, f: number, flops: number, saved: number, selective: boolean): void {
  const x = t.raw;
  x.fwd_us += f;
  x.fwd_flops += flops;
  x.saved_bytes += saved;
  if (selective) {
    x.selective_us += f;
    x.selective_flops += flops;
  } else x.selective_saved_bytes += saved;
}

/** An input-gradient backward op (a GEMM's dgrad; the whole backward of other ops). */
function dgrad(t: OpTally, us: number, flops: number): void {
  t.raw.dgrad_us += us;
  t.raw.bwd_flops += flops;
}

/** A weight-gradient GEMM (DualPipe's W), after the op's dgrad. */
function wgrad(t: OpTally, us: number, flops: number): void {
  t.raw.wgrad_us += us;
  t.raw.bwd_flops += flops;
}

/** A GEMM [M x K] x [K x N]; `groups` GEMMs of M/groups rows each (grouped expert GEMM). `lowp`: at
 * the plan's precision (linear layers), else BF16. */
function gemm(
  t: OpTally,
  M: number,
  N: number,
  K: number,
  bin: number,
  lowp: boolean,
  groups = 1,
  saved = 0,
  selective = false,
): void {
  const flops = 2 * M * N * K,
    rows = M / groups,
    out = BF16;
  forward(t, gemmUs(flops, (M * K + K * N) * bin + M * N * out, rows, N, lowp, t.r), flops, saved, selective);
  dgrad(t, gemmUs(flops, (M * N + N * K) * bin + M * K * out, rows, K, lowp, t.r), flops);
  wgrad(t, gemmUs(flops, (M * K + M * N) * bin + K * N * FP32, K, N, lowp, t.r), flops);
}

/** A streaming op of `bytes` forward; its backward moves twice the bytes. */
function vector(t: OpTally, bytes: number, saved = 0, selective = false): void {
  forward(t, vectorUs(bytes, t.r), 0, saved, selective);
  dgrad(t, vectorUs(2 * bytes, t.r), 0);
}

/** RMSNorm on the (SP-sharded) residual stream; its output feeds a GEMM's backward. */
function norm(t: OpTally, m: StepModel, c: OpContext): void {
  const rows = c.sp ? c.n / c.tp : c.n;
  vector(t, 2 * rows * m.d_model * c.b, rows * m.d_model * c.bin, true);
}

function residual(t: OpTally, m: StepModel, c: OpContext): void {
  const rows = c.sp ? c.n / c.tp : c.n;
  vector(t, 3 * rows * m.d_model * c.b, rows * m.d_model * c.b);
}

/** Core attention: fused flash kernel, or QK^T / softmax / PV with the score matrix in HBM. */
function attentionCore(t: OpTally, m: StepModel, c: OpContext): void {
  const { qk, v } = headDims(m),
    h = m.heads / c.tp,
    n = c.n;
  const kvHeads = m.mla ? h : Math.max(1, m.kv_heads / c.tp);
  const out = n * h * v * c.b;
  if (!c.materialized) {
    const flops = n * c.seq * h * (qk + v); // 2 matmuls x 2 n (s/2) h d: causal
    const kvReads = (n / 128) * (c.seq / 2) * kvHeads * (qk + v) * c.b; // K, V re-read per 128-row query tile
    const bytes = n * h * (qk + v) * c.b + out + kvReads;
    const f = attentionUs(flops, bytes, 'fwd', t.r),
      b = attentionUs(2.5 * flops, 2 * bytes, 'bwd', t.r);
    forward(t, f, flops, out + n * h * FP32, false);
    dgrad(t, b, 2.5 * flops);
    t.raw.attention.fwd_us += f;
    t.raw.attention.bwd_us += b;
    return;
  }
  // Materialized (Megatron-LM 2021): full s x s scores per head, the causal mask applied after QK^T.
  const scores = n * c.seq * h;
  batched(t, n, c.seq, qk, h, c.b, 0, true); // QK^T
  vector(t, 2 * scores * c.b, scores * c.b, true); // softmax
  batched(t, n, v, c.seq, h, c.b, out, false); // PV
}

/** `batch` BF16 GEMMs [rows x inner] x [inner x cols]; backward: two GEMMs of the same FLOPs. */
function batched(
  t: OpTally,
  rows: number,
  cols: number,
  inner: number,
  batch: number,
  b: number,
  saved: number,
  selective: boolean,
): void {
  const flops = 2 * rows * cols * inner * batch;
  const us = (r: number, c: number): number =>
    gemmUs(flops, (r * inner + inner * c + r * c) * batch * b, r, c, false, t.r);
  forward(t, us(rows, cols), flops, saved, selective);
  dgrad(t, us(rows, inner), flops);
  dgrad(t, us(cols, inner), flops);
}

/** Q, K, V projections: grouped-query (KV heads replicated when fewer than TP) or MLA. */
function projections(t: OpTally, m: StepModel, c: OpContext): void {
  const d = m.d_model,
    n = c.n,
    h = m.heads / c.tp,
    { qk, v } = headDims(m);
  if (!m.mla) {
    const kv = Math.max(1, m.kv_heads / c.tp);
    gemm(t, n, (h + 2 * kv) * m.head_dim, d, c.bin, true, 1, n * (h + 2 * kv) * m.head_dim * c.b);
    return;
  }
  const a = m.mla;
  const rope = a.qk_rope_head_dim;
  // Down-projections are replicated across TP ranks; up-projections split by heads. DeepSeek-V3
  // recomputes RMSNorm and the MLA up-projections in backward (report section 3.2.3), as selective does here.
  gemm(t, n, a.q_lora_rank, d, c.bin, true, 1, n * a.q_lora_rank * c.b); // q.down
  vector(t, 2 * n * a.q_lora_rank * c.b, n * a.q_lora_rank * c.bin, true); // q.norm
  gemm(t, n, h * qk, a.q_lora_rank, c.bin, true, 1, n * h * qk * c.b, true); // q.up
  gemm(t, n, a.kv_lora_rank + rope, d, c.bin, true, 1, n * (a.kv_lora_rank + rope) * c.b); // kv.down
  vector(t, 2 * n * a.kv_lora_rank * c.b, n * a.kv_lora_rank * c.bin, true); // kv.norm
  gemm(t, n, h * (a.qk_nope_head_dim + v), a.kv_lora_rank, c.bin, true, 1, n * h * (qk + v) * c.b, true); // kv.up
}

export function attentionOps(t: OpTally, m: StepModel, c: OpContext): void {
  const h = m.heads / c.tp,
    { v } = headDims(m);
  norm(t, m, c);
  projections(t, m, c);
  attentionCore(t, m, c);
  gemm(t, c.n, m.d_model, h * v, c.bin, true); // attention output projection
  residual(t, m, c);
}

/** A SwiGLU MLP of hidden `f` split over TP, on `rows` tokens (dense layers, shared experts). */
function swiglu(t: OpTally, m: StepModel, c: OpContext, rows: number, f: number, groups = 1): void {
  const d = m.d_model;
  gemm(t, rows, 2 * f, d, c.bin, true, groups, 2 * rows * f * c.bin); // up (gate and up)
  vector(t, 3 * rows * f * c.b, rows * f * c.bin, true); // activation
  gemm(t, rows, d, f, c.bin, true, groups); // down
}

export function denseMlpOps(t: OpTally, m: StepModel, c: OpContext): void {
  norm(t, m, c);
  swiglu(t, m, c, c.n, m.dense_ffn_hidden / c.tp);
  residual(t, m, c);
}

/** Routed copies the busiest GPU's experts receive per micro-batch: its EP peers' n/tp tokens x K. */
const routedCopies = (m: StepModel, c: OpContext): number => (c.n / c.tp) * m.top_k * c.imbalance;

export function moeOps(t: OpTally, m: StepModel, c: OpContext): void {
  const local = c.sp ? c.n / c.tp : c.n,
    copies = routedCopies(m, c),
    d = m.d_model;
  const experts = m.routed_experts / c.ep;
  norm(t, m, c);
  gemm(t, local, m.routed_experts, d, BF16, false, 1, local * m.routed_experts * FP32); // router
  vector(t, 2 * local * m.routed_experts * FP32); // top-k
  vector(t, 2 * copies * d * c.b, copies * d * c.bin); // permute
  swiglu(t, m, c, copies, m.expert_ffn_hidden, experts); // routed experts
  vector(t, 3 * copies * d * c.b, copies * d * c.b); // unpermute
  if (m.shared_experts > 0) swiglu(t, m, c, c.n, (m.shared_experts * m.expert_ffn_hidden) / c.tp);
  residual(t, m, c);
}

/** First stage: embedding lookup (a gather) and, backward, the scatter-add of its gradient. */
export function embeddingOps(t: OpTally, m: StepModel, c: OpContext): void {
  const rows = c.sp ? c.n / c.tp : c.n;
  vector(t, 2 * rows * m.d_model * c.b);
}

/** Last stage: final norm, LM head (BF16) and the cross-entropy over FP32 logits. */
export function headOps(t: OpTally, m: StepModel, c: OpContext): void {
  const vocab = m.vocab / c.tp;
  norm(t, m, c);
  gemm(t, c.n, vocab, m.d_model, BF16, false); // LM head
  vector(t, 3 * c.n * vocab * FP32, c.n * vocab * FP32); // loss
}

/** One DeepSeek MTP module: norms and a 2d -> d projection, one more layer, the shared head again. */
export function mtpOps(t: OpTally, m: StepModel, c: OpContext): void {
  norm(t, m, c);
  gemm(t, c.n, m.d_model / c.tp, 2 * m.d_model, c.bin, true); // projection
  attentionOps(t, m, c);
  if (m.moe_layers > 0) moeOps(t, m, c);
  else denseMlpOps(t, m, c);
  headOps(t, m, c);
}
