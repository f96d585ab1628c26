// The minimum time of one optimizer step with as many accelerators as one wants: what data movement
// costs even when compute is free (Erdil & Schneider-Joseph 2024, "Data movement limits to frontier
// model training", arXiv 2411.01137). Two parts:
// - latency: every layer's forward and backward pass runs its kernels and its tensor-parallel
//   collectives one after another (pipeline stages are at most the layers and cannot shorten that
//   chain), MoE layers add a dispatch and a combine, and the gradient all-reduce adds a tree of hops;
// - bandwidth: synchronous data parallelism must reduce every gradient each step; with tensor
//   parallelism over the whole scale-up domain and one layer per pipeline stage, one stage's gradient
//   shard crosses the NIC (2x its bytes for reduce-scatter + all-gather), the smallest exposed sync.
// Assumptions are constants below with their sources; the bandwidth part ignores gradient
// compression and local-SGD methods (DiLoCo), which would remove it.

/** Serial kernels per layer per forward pass: QKV GEMM, attention, output GEMM, FFN up, FFN down
 * (norms and activations fused; E from the standard decoder block). */
export const KERNELS_PER_LAYER = 5;
/** Tensor-parallel all-reduces per layer per forward pass, after attention and after the MLP
 * (Shoeybi et al., Megatron-LM, 2019; Q). */
export const TP_COLLECTIVES_PER_LAYER = 2;
/** Forward + backward (the backward pass is two passes' worth of serial kernels; Kaplan et al. 2020). */
export const PASSES = 3;

export interface FloorNetwork {
  kernel_latency_us: number;
  /** Per-hop latency inside the scale-up domain (NVLink-class). */
  scale_up_latency_us: number;
  /** Per-message latency across the scale-out network. */
  hop_latency_us: number;
  scale_up_domain_gpus: number;
  /** NIC bandwidth per accelerator, one direction. */
  scale_out_bytes_per_s: number;
  collective_efficiency: number;
}

export interface FloorModel {
  layers: number;
  moe_layers: number;
  total_params: number;
  /** Bytes per gradient element reduced each step. */
  gradient_bytes: number;
}

export interface StepFloor {
  latency_s: number;
  bandwidth_s: number;
  total_s: number;
}

const US = 1e-6;

/** Latency of a small all-reduce over a tree of `gpus` ranks (2·log2(p) hops; NCCL tree). */
export function treeAllReduceUs(gpus: number, hopUs: number): number {
  return gpus > 1 ? 2 * Math.log2(gpus) * hopUs : 0;
}

export function stepFloor(m: FloorModel, net: FloorNetwork, batchTokens: number, sequenceTokens: number): StepFloor {
  const tp = treeAllReduceUs(net.scale_up_domain_gpus, net.scale_up_latency_us);
  const layerUs = KERNELS_PER_LAYER * net.kernel_latency_us + TP_COLLECTIVES_PER_LAYER * tp;
  const moeUs = 2 * net.hop_latency_us; // dispatch + combine
  const chainUs = PASSES * (m.layers * layerUs + m.moe_layers * moeUs);
  const replicas = Math.max(1, batchTokens / sequenceTokens);
  const latency_s = (chainUs + treeAllReduceUs(replicas, net.hop_latency_us)) * US;
  const shardBytes = (m.total_params * m.gradient_bytes) / (net.scale_up_domain_gpus * m.layers);
  const bandwidth_s = (2 * shardBytes) / (net.scale_out_bytes_per_s * net.collective_efficiency);
  return { latency_s, bandwidth_s, total_s: latency_s + bandwidth_s };
}
