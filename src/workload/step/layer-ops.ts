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
// Invariant: every field is finite and >= 0; FLOPs scale linearly with the micro-batch tokens
// except attention's, which scales with tokens x sequence.
import { OpClass, type Op } from './kernels.ts';
import { headDims, type StepModel } from './model.ts';

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

export interface LayerOp {
  fwd: Op;
  /** Input-gradient backward ops (a GEMM's dgrad; the whole backward of other ops). */
  dgrad: Op[];
  /** Weight-gradient GEMM (DualPipe's W), absent for ops without weights. */
  wgrad: Op | null;
  /** Bytes of this op's output the backward pass needs. */
  saved: number;
  /** Selective recompute drops `saved` and reruns the forward op in the backward pass. */
  selective: boolean;
}

const BF16 = 2;
const FP32 = 4;

/** A GEMM [M x K] x [K x N]; `groups` GEMMs of M/groups rows each (grouped expert GEMM). */
function gemm(name: string, M: number, N: number, K: number, bin: number, lowp: boolean, groups = 1): LayerOp {
  const flops = 2 * M * N * K,
    rows = M / groups,
    out = BF16;
  const op = (suffix: string, r: number, c: number, bytes: number): Op => ({
    name: name + suffix,
    cls: OpClass.gemm,
    flops,
    bytes,
    rows: r,
    cols: c,
    low_precision: lowp,
  });
  return {
    fwd: op('', rows, N, (M * K + K * N) * bin + M * N * out),
    dgrad: [op('.dgrad', rows, K, (M * N + N * K) * bin + M * K * out)],
    wgrad: op('.wgrad', K, N, (M * K + M * N) * bin + K * N * FP32),
    saved: 0,
    selective: false,
  };
}

function vector(name: string, bytes: number, saved = 0, selective = false): LayerOp {
  const op = (suffix: string, x: number): Op => ({ name: name + suffix, cls: OpClass.vector, flops: 0, bytes: x });
  return { fwd: op('', bytes), dgrad: [op('.bwd', 2 * bytes)], wgrad: null, saved, selective };
}

const withSaved = (o: LayerOp, saved: number, selective = false): LayerOp => ({ ...o, saved, selective });

/** RMSNorm on the (SP-sharded) residual stream; its output feeds a GEMM's backward. */
function norm(name: string, m: StepModel, c: OpContext): LayerOp {
  const rows = c.sp ? c.n / c.tp : c.n;
  return vector(name, 2 * rows * m.d_model * c.b, rows * m.d_model * c.bin, true);
}

function residual(m: StepModel, c: OpContext): LayerOp {
  const rows = c.sp ? c.n / c.tp : c.n;
  return vector('residual', 3 * rows * m.d_model * c.b, rows * m.d_model * c.b);
}

/** Core attention: fused flash kernel, or QK^T / softmax / PV with the score matrix in HBM. */
function attentionCore(m: StepModel, c: OpContext): LayerOp[] {
  const { qk, v } = headDims(m),
    h = m.heads / c.tp,
    n = c.n;
  const kvHeads = m.mla ? h : Math.max(1, m.kv_heads / c.tp);
  const out = n * h * v * c.b;
  if (!c.materialized) {
    const flops = n * c.seq * h * (qk + v); // 2 matmuls x 2 n (s/2) h d: causal
    const kvReads = (n / 128) * (c.seq / 2) * kvHeads * (qk + v) * c.b; // K, V re-read per 128-row query tile
    const bytes = n * h * (qk + v) * c.b + out + kvReads;
    const fwd: Op = { name: 'attention', cls: OpClass.attention, flops, bytes };
    const bwd: Op = { name: 'attention.bwd', cls: OpClass.attention, flops: 2.5 * flops, bytes: 2 * bytes };
    return [{ fwd, dgrad: [bwd], wgrad: null, saved: out + n * h * FP32, selective: false }];
  }
  // Materialized (Megatron-LM 2021): full s x s scores per head, the causal mask applied after QK^T.
  const scores = n * c.seq * h;
  const qkT = batched('attention.qk', n, c.seq, qk, h, c.b);
  const pv = batched('attention.pv', n, v, c.seq, h, c.b);
  const softmax = vector('attention.softmax', 2 * scores * c.b, scores * c.b, true);
  return [{ ...qkT, selective: true }, softmax, { ...pv, saved: out }];
}

/** `batch` BF16 GEMMs [rows x inner] x [inner x cols]; backward: two GEMMs of the same FLOPs. */
function batched(name: string, rows: number, cols: number, inner: number, batch: number, b: number): LayerOp {
  const flops = 2 * rows * cols * inner * batch;
  const op = (suffix: string, r: number, c: number): Op => ({
    name: name + suffix,
    cls: OpClass.gemm,
    flops,
    bytes: (r * inner + inner * c + r * c) * batch * b,
    rows: r,
    cols: c,
  });
  return {
    fwd: op('', rows, cols),
    dgrad: [op('.dgrad', rows, inner), op('.dgrad2', cols, inner)],
    wgrad: null,
    saved: 0,
    selective: false,
  };
}

/** Q, K, V projections: grouped-query (KV heads replicated when fewer than TP) or MLA. */
function projections(m: StepModel, c: OpContext): LayerOp[] {
  const d = m.d_model,
    n = c.n,
    h = m.heads / c.tp,
    { qk, v } = headDims(m);
  if (!m.mla) {
    const kv = Math.max(1, m.kv_heads / c.tp);
    return [withSaved(gemm('qkv', n, (h + 2 * kv) * m.head_dim, d, c.bin, true), n * (h + 2 * kv) * m.head_dim * c.b)];
  }
  const a = m.mla;
  const rope = a.qk_rope_head_dim;
  // Down-projections are replicated across TP ranks; up-projections split by heads. DeepSeek-V3
  // recomputes RMSNorm and the MLA up-projections in backward (report section 3.2.3), as selective does here.
  return [
    withSaved(gemm('q.down', n, a.q_lora_rank, d, c.bin, true), n * a.q_lora_rank * c.b),
    vector('q.norm', 2 * n * a.q_lora_rank * c.b, n * a.q_lora_rank * c.bin, true),
    withSaved(gemm('q.up', n, h * qk, a.q_lora_rank, c.bin, true), n * h * qk * c.b, true),
    withSaved(gemm('kv.down', n, a.kv_lora_rank + rope, d, c.bin, true), n * (a.kv_lora_rank + rope) * c.b),
    vector('kv.norm', 2 * n * a.kv_lora_rank * c.b, n * a.kv_lora_rank * c.bin, true),
    withSaved(
      gemm('kv.up', n, h * (a.qk_nope_head_dim + v), a.kv_lora_rank, c.bin, true),
      n * h * (qk + v) * c.b,
      true,
    ),
  ];
}

export function attentionOps(m: StepModel, c: OpContext): LayerOp[] {
  const h = m.heads / c.tp,
    { v } = headDims(m);
  return [
    norm('attn.norm', m, c),
    ...projections(m, c),
    ...attentionCore(m, c),
    gemm('attn.out', c.n, m.d_model, h * v, c.bin, true),
    residual(m, c),
  ];
}

/** A SwiGLU MLP of hidden `f` split over TP, on n tokens (dense layers, shared experts). */
function swiglu(name: string, m: StepModel, c: OpContext, rows: number, f: number, groups = 1): LayerOp[] {
  const d = m.d_model;
  return [
    withSaved(gemm(`${name}.up`, rows, 2 * f, d, c.bin, true, groups), 2 * rows * f * c.bin),
    vector(`${name}.act`, 3 * rows * f * c.b, rows * f * c.bin, true),
    gemm(`${name}.down`, rows, d, f, c.bin, true, groups),
  ];
}

export function denseMlpOps(m: StepModel, c: OpContext): LayerOp[] {
  return [norm('mlp.norm', m, c), ...swiglu('mlp', m, c, c.n, m.dense_ffn_hidden / c.tp), residual(m, c)];
}

/** Routed copies the busiest GPU's experts receive per micro-batch: its EP peers' n/tp tokens x K. */
export const routedCopies = (m: StepModel, c: OpContext): number => (c.n / c.tp) * m.top_k * c.imbalance;

export function moeOps(m: StepModel, c: OpContext): LayerOp[] {
  const local = c.sp ? c.n / c.tp : c.n,
    copies = routedCopies(m, c),
    d = m.d_model;
  const experts = m.routed_experts / c.ep;
  const ops = [
    norm('moe.norm', m, c),
    withSaved(gemm('router', local, m.routed_experts, d, BF16, false), local * m.routed_experts * FP32),
    vector('router.topk', 2 * local * m.routed_experts * FP32),
    vector('permute', 2 * copies * d * c.b, copies * d * c.bin),
    ...swiglu('experts', m, c, copies, m.expert_ffn_hidden, experts),
    vector('unpermute', 3 * copies * d * c.b, copies * d * c.b),
  ];
  if (m.shared_experts > 0) ops.push(...swiglu('shared', m, c, c.n, (m.shared_experts * m.expert_ffn_hidden) / c.tp));
  ops.push(residual(m, c));
  return ops;
}

/** First stage: embedding lookup (a gather) and, backward, the scatter-add of its gradient. */
export function embeddingOps(m: StepModel, c: OpContext): LayerOp[] {
  const rows = c.sp ? c.n / c.tp : c.n;
  return [vector('embedding', 2 * rows * m.d_model * c.b)];
}

/** Last stage: final norm, LM head (BF16) and the cross-entropy over FP32 logits. */
export function headOps(m: StepModel, c: OpContext): LayerOp[] {
  const vocab = m.vocab / c.tp;
  return [
    norm('final.norm', m, c),
    gemm('lm_head', c.n, vocab, m.d_model, BF16, false),
    vector('loss', 3 * c.n * vocab * FP32, c.n * vocab * FP32),
  ];
}

/** One DeepSeek MTP module: norms and a 2d -> d projection, one more layer, the shared head again. */
export function mtpOps(m: StepModel, c: OpContext): LayerOp[] {
  const ffn = m.moe_layers > 0 ? moeOps(m, c) : denseMlpOps(m, c);
  return [
    norm('mtp.norm', m, c),
    gemm('mtp.proj', c.n, m.d_model / c.tp, 2 * m.d_model, c.bin, true),
    ...attentionOps(m, c),
    ...ffn,
    ...headOps(m, c),
  ];
}
