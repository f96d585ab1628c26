// Causal multi-head attention with grouped KV heads over whole training sequences, forward and
// backward. Rows are (sequence, position) = b·T + t; a fused qkv row is [q (heads·d_h) | k
// (kv_heads·d_h) | v (kv_heads·d_h)], exactly the inference layout (attention.ts), where the K and
// V parts are what the KV cache stores. The TypeScript path runs the fused kernels of
// attention-ts.ts; the wasm path runs the loop below inside the module (Backend.attentionForward,
// same calls, same bits), and this loop itself where the buffers are not in its memory: built
// from the backend's strided matmul and causal softmax, queries in blocks of ROW_BLOCK rows, each
// against keys 0..(last row of the block), so the masked upper triangle costs at most one block
// of wasted products. Invariant: probabilities are kept (P: seqs × heads × T × T) for the backward
// pass; masked entries are exact zeros. The TypeScript path keeps P its own way in the same buffer
// (see probSize).
import type { Backend } from './backend.ts';
import type { Buf } from './buf.ts';
import { attentionBackwardTs, attentionForwardTs } from './attention-ts.ts';

export const ROW_BLOCK = 16;

export interface AttnShape {
  seqs: number;
  T: number;
  heads: number;
  kv_heads: number;
  head_dim: number;
}

const widths = (s: AttnShape) => {
  const dh = s.head_dim,
    qW = s.heads * dh,
    kvW = s.kv_heads * dh;
  return { dh, qW, kvW, W: qW + 2 * kvW, group: s.heads / s.kv_heads };
};

/**
 * Floats of the probability buffer P: seqs × heads × T × T, then one float per (sequence, head,
 * query) where the TypeScript path keeps 1/Σ of the row's unnormalised exponentials.
 */
export const probSize = (s: AttnShape): number => s.seqs * s.heads * s.T * (s.T + 1);

/** Scratch of one attention call: a block of dP/dS (ROW_BLOCK × T) and one transposed K or V (d_h × T). */
export interface AttnScratch {
  block: Buf;
  kvT: Buf;
}

export const allocAttnScratch = (be: Backend, s: AttnShape): AttnScratch => ({
  block: be.alloc(ROW_BLOCK * s.T),
  kvT: be.alloc(s.head_dim * s.T),
});

/** dst[i·T + t] = src[off + t·W + i]: one sequence's K or V of one KV head, transposed to d_h × T rows. */
function transpose(src: Buf, off: number, W: number, T: number, dh: number, dst: Buf): void {
  for (let t = 0; t < T; t++) for (let i = 0; i < dh; i++) dst[i * T + t] = src[off + t * W + i];
}

/**
 * out (rows × heads·d_h) = softmax(Q·Kᵀ/√d_h)·V per head; P keeps the probabilities. Kᵀ is built
 * once per (sequence, KV head) and shared by the heads of its group and every row block.
 */
export function attentionForward(be: Backend, s: AttnShape, qkv: Buf, P: Buf, out: Buf, sc: AttnScratch): void {
  if (be.path === 'ts') return attentionForwardTs(s, qkv, P, out);
  if (be.attentionForward?.(s, qkv, P, out, sc.kvT, ROW_BLOCK)) return;
  const { dh, qW, kvW, W, group } = widths(s),
    T = s.T,
    scale = 1 / Math.sqrt(dh),
    kt = sc.kvT;
  for (let b = 0; b < s.seqs; b++)
    for (let g = 0; g < s.kv_heads; g++) {
      const base = b * T,
        kOff = base * W + qW + g * dh,
        vOff = kOff + kvW;
      transpose(qkv, kOff, W, T, dh, kt);
      for (let h = g * group; h < (g + 1) * group; h++)
        for (let r0 = 0; r0 < T; r0 += ROW_BLOCK) {
          const rows = Math.min(ROW_BLOCK, T - r0),
            keys = r0 + rows;
          const p = ((b * s.heads + h) * T + r0) * T,
            q = (base + r0) * W + h * dh;
          be.gemm(rows, keys, dh, qkv, q, W, 1, kt, 0, T, 1, P, p, T, false);
          be.softmaxCausal(P, p, T, rows, r0, scale);
          be.gemm(rows, dh, keys, P, p, T, 1, qkv, vOff, W, 1, out, (base + r0) * qW + h * dh, qW, false);
        }
    }
}

/**
 * dqkv (rows × W, overwritten) from dOut: dQ = dS·K, dK = Σ dSᵀ·Q, dV = Σ Pᵀ·dO over the heads of
 * a group, with dP = dO·Vᵀ from Vᵀ built once per (sequence, KV head).
 */
export function attentionBackward(
  be: Backend,
  s: AttnShape,
  qkv: Buf,
  P: Buf,
  dOut: Buf,
  dqkv: Buf,
  sc: AttnScratch,
): void {
  if (be.path === 'ts') return attentionBackwardTs(s, qkv, P, dOut, dqkv);
  if (be.attentionBackward?.(s, qkv, P, dOut, dqkv, sc.kvT, sc.block, ROW_BLOCK)) return;
  const { dh, qW, kvW, W, group } = widths(s),
    T = s.T,
    scale = 1 / Math.sqrt(dh),
    { block, kvT: vt } = sc;
  dqkv.fill(0, 0, s.seqs * T * W);
  for (let b = 0; b < s.seqs; b++)
    for (let g = 0; g < s.kv_heads; g++) {
      const base = b * T,
        kOff = base * W + qW + g * dh,
        vOff = kOff + kvW;
      transpose(qkv, vOff, W, T, dh, vt);
      for (let h = g * group; h < (g + 1) * group; h++)
        for (let r0 = 0; r0 < T; r0 += ROW_BLOCK) {
          const rows = Math.min(ROW_BLOCK, T - r0),
            keys = r0 + rows;
          const p = ((b * s.heads + h) * T + r0) * T,
            q = (base + r0) * W + h * dh,
            o = (base + r0) * qW + h * dh;
          be.gemm(rows, keys, dh, dOut, o, qW, 1, vt, 0, T, 1, block, 0, T, false);
          be.softmaxCausalBackward(P, p, block, 0, T, rows, r0, scale);
          be.gemm(rows, dh, keys, block, 0, T, 1, qkv, kOff, W, 1, dqkv, q, W, false);
          be.gemm(keys, dh, rows, block, 0, 1, T, qkv, q, W, 1, dqkv, kOff, W, true);
          be.gemm(keys, dh, rows, P, p, 1, T, dOut, o, qW, 1, dqkv, vOff, W, true);
        }
    }
}

/** Useful (causal) forward FLOPs, by the formulas.ts convention: per query at KV length T', h·d_h + 4·T'·h·d_h + 3·h·T'. */
export function attentionFlops(s: AttnShape): number {
  const hd = s.heads * s.head_dim,
    sumT = (s.T * (s.T + 1)) / 2;
  return s.seqs * (s.T * hd + 4 * sumT * hd + 3 * s.heads * sumT);
}
