// Alpha-beta closed forms (Hockney 1994; Thakur, Rabenseifner & Gropp 2005): the time of a
// collective from the per-message latency alpha and the link bandwidth, with no contention.
// infrastructure.md section 8: ring all-reduce T = 2(p-1)a + 2((p-1)/p) n B^-1.
// Invariant: every form is exact for the flow simulation's uncontended cases (test/network).

export interface AlphaBeta {
  alpha_us: number;
  /** Bytes per microsecond of the bottleneck link. */
  bandwidth_B_per_us: number;
}

export function ringAllReduceUs(p: number, bytes: number, ab: AlphaBeta): number {
  if (p <= 1) return 0;
  return 2 * (p - 1) * ab.alpha_us + (2 * ((p - 1) / p) * bytes) / ab.bandwidth_B_per_us;
}

/** Reduce-scatter or all-gather: (p-1) a + ((p-1)/p) n / B, n the full buffer. */
export function ringHalfUs(p: number, bytes: number, ab: AlphaBeta): number {
  if (p <= 1) return 0;
  return (p - 1) * ab.alpha_us + (((p - 1) / p) * bytes) / ab.bandwidth_B_per_us;
}

/** Unpipelined (one chunk) tree on a full binary tree of depth D: each level is one message up and one down. */
export function treeAllReduceUs(p: number, bytes: number, ab: AlphaBeta): number {
  if (p <= 1) return 0;
  const depth = Math.floor(Math.log2(p));
  // A parent receives from two children over one ingress link (and sends to two over one egress).
  const fanIn = p >= 3 ? 2 : 1;
  return 2 * depth * (ab.alpha_us + (fanIn * bytes) / ab.bandwidth_B_per_us);
}

/**
 * Pipelined double binary tree (NCCL 2.4, after Sanders, Speck & Traeff 2009): latency 2 log2(p)
 * alpha, and each of two trees moves half the buffer up and down, so about 2 n / B of bandwidth time.
 */
export function doubleTreeAllReduceUs(p: number, bytes: number, ab: AlphaBeta): number {
  if (p <= 1) return 0;
  return 2 * Math.ceil(Math.log2(p)) * ab.alpha_us + (2 * bytes) / ab.bandwidth_B_per_us;
}

/** Uniform all-to-all: each GPU sends `bytes` split evenly to the p-1 others over its own port. */
export function uniformAllToAllUs(p: number, bytesPerGpu: number, ab: AlphaBeta): number {
  if (p <= 1) return 0;
  return ab.alpha_us + bytesPerGpu / ab.bandwidth_B_per_us;
}

/**
 * Expert-parallel bytes per token per MoE layer, experts uniform over G GPUs, no dedup
 * (moe.md 1.7): dispatch K (1 - 1/G) d b_disp and combine K (1 - 1/G) d b_comb.
 */
export function moeA2aBytesPerToken(
  k: number,
  gpus: number,
  d_model: number,
  dispatch_bytes_per_elem: number,
  combine_bytes_per_elem: number,
): { dispatch: number; combine: number } {
  const remote = k * (1 - 1 / gpus) * d_model;
  return { dispatch: remote * dispatch_bytes_per_elem, combine: remote * combine_bytes_per_elem };
}

/** Expected nodes a token touches, experts uniform, no node limit (moe.md 1.7): one formula, in src/moe/formulas.ts. */
export { expectedNodes } from '../moe/formulas.ts';
