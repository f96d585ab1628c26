// Expert-parallel groups: with G GPUs and N routed experts, one EP group spans min(G, N) GPUs,
// rounded to whole scale-up domains, and holds one copy of every expert; larger clusters hold
// several groups (data-parallel replicas of the expert set, as DeepSeek-V3 runs EP64 inside a
// larger data-parallel job; arXiv:2412.19437 3.2). Tokens stay in their own group.
// Invariant: groups are contiguous, whole nodes, equal in size, and tile the cluster.

export function epGroupSize(gpus: number, experts: number, gpus_per_node: number): number {
  if (gpus <= experts) return gpus;
  // Largest multiple of the node size that divides the cluster and is at most N.
  for (let size = Math.floor(experts / gpus_per_node) * gpus_per_node; size >= gpus_per_node; size -= gpus_per_node) {
    if (gpus % size === 0) return size;
  }
  throw new RangeError(
    `no EP group of whole ${gpus_per_node}-GPU nodes with at most ${experts} GPUs tiles ${gpus} GPUs`,
  );
}
