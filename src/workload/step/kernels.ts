// The one kernel-efficiency model every case shares: each operation is timed on the roofline of
// the accelerator (Williams, Waterman & Patterson 2009), t = max(FLOPs / achieved FLOP/s,
// bytes / achieved HBM bandwidth), where the achieved throughput depends only on the op class:
// - gemm: peak at the op's precision x the measured maximum achievable matmul fraction (MAMF,
//   cluster.matmul_efficiency) x tile quantization, the share of 128x128 output tiles doing useful
//   work (NVIDIA, "Matrix Multiplication Background User's Guide": tile quantization; R for 128x128);
// - attention: a fused (Flash) attention kernel at its measured fraction of the BF16 peak,
//   forward and backward (cluster.attention_efficiency);
// - vector: norms, activations, softmax, permutes: streaming HBM traffic only.
// Compute runs on the SMs a plan leaves to it ((sms - comm_sms) / sms). Every rate is then scaled by
// the cluster's kernel_realization, one factor shared by all ops, chips and cases (cluster.ts says
// where it comes from). No per-case factor.
// Invariant: every time is finite and >= 0; more FLOPs or bytes never take less time.
import type { Precision, StepCluster } from './cluster.ts';

export const OpClass = { gemm: 'gemm', attention: 'attention', vector: 'vector' } as const;
export type OpClass = (typeof OpClass)[keyof typeof OpClass];

export interface Op {
  name: string;
  cls: OpClass;
  flops: number;
  bytes: number;
  /** GEMM output rows and columns (tile quantization); absent for other classes. */
  rows?: number;
  cols?: number;
  /** A GEMM that runs at the plan's precision (linear layers); others run in BF16. */
  low_precision?: boolean;
}

/** Output tile edge of the GEMM kernels (CUTLASS/cuBLAS 128x128 tiles; R). */
export const GEMM_TILE = 128;

/** Useful share of the output tiles a rows x cols GEMM launches. */
export function tileEfficiency(rows: number, cols: number): number {
  const padded = Math.ceil(rows / GEMM_TILE) * GEMM_TILE * Math.ceil(cols / GEMM_TILE) * GEMM_TILE;
  return padded > 0 ? (rows * cols) / padded : 1;
}

/** Everything the roofline of one GPU needs, resolved once per (cluster, plan). */
export interface Roofline {
  /** Achieved FLOP per us of a large GEMM at the plan's precision and at BF16. */
  gemm_flop_per_us: number;
  gemm_bf16_flop_per_us: number;
  attention_fwd_flop_per_us: number;
  attention_bwd_flop_per_us: number;
  hbm_bytes_per_us: number;
}

/** Streaming HBM bandwidth a kernel realizes in a step (bytes per us). */
export const hbmBytesPerUs = (c: StepCluster): number => c.hbm_tb_per_s * 1e6 * c.hbm_efficiency * c.kernel_realization;

export function roofline(c: StepCluster, precision: Precision, comm_sms = 0): Roofline {
  const share = ((c.sms - comm_sms) / c.sms) * c.kernel_realization;
  const at = (p: Precision): number => (c.peak_tflops[p] ?? 0) * 1e6 * (c.matmul_efficiency[p] ?? 0) * share;
  const bf16 = (c.peak_tflops.bf16 ?? 0) * 1e6 * share;
  return {
    gemm_flop_per_us: at(precision),
    gemm_bf16_flop_per_us: at('bf16'),
    attention_fwd_flop_per_us: bf16 * c.attention_efficiency.fwd,
    attention_bwd_flop_per_us: bf16 * c.attention_efficiency.bwd,
    hbm_bytes_per_us: hbmBytesPerUs(c),
  };
}

/** Time of one op in us; `pass` picks the attention kernel's forward or backward efficiency. */
export function opTimeUs(op: Op, r: Roofline, pass: 'fwd' | 'bwd'): number {
  if (op.cls === OpClass.vector) return vectorUs(op.bytes, r);
  if (op.cls === OpClass.attention) return attentionUs(op.flops, op.bytes, pass, r);
  if (op.rows !== undefined && op.cols !== undefined)
    return gemmUs(op.flops, op.bytes, op.rows, op.cols, op.low_precision === true, r);
  const rate = op.low_precision ? r.gemm_flop_per_us : r.gemm_bf16_flop_per_us;
  return Math.max(op.flops / rate, op.bytes / r.hbm_bytes_per_us);
}

// opTimeUs by class, for callers that time ops without building them (layer-ops.ts).

/** A streaming op: its bytes at the achieved HBM bandwidth. */
export const vectorUs = (bytes: number, r: Roofline): number => bytes / r.hbm_bytes_per_us;

/** A fused attention kernel, forward or backward. */
export function attentionUs(flops: number, bytes: number, pass: 'fwd' | 'bwd', r: Roofline): number {
  const rate = pass === 'fwd' ? r.attention_fwd_flop_per_us : r.attention_bwd_flop_per_us;
  return Math.max(flops / rate, bytes / r.hbm_bytes_per_us);
}

/** A GEMM with a rows x cols output, at the plan's precision (`lowp`) or BF16, tile quantization applied. */
export function gemmUs(flops: number, bytes: number, rows: number, cols: number, lowp: boolean, r: Roofline): number {
  let rate = lowp ? r.gemm_flop_per_us : r.gemm_bf16_flop_per_us;
  rate *= tileEfficiency(rows, cols);
  return Math.max(flops / rate, bytes / r.hbm_bytes_per_us);
}
