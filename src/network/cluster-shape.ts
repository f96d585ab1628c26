// The cluster the microsecond simulation runs on: how many GPUs, how they group into scale-up
// domains (nodes) and sites, and each link class's bandwidth and latency. Units are in the names.
// Invariant: a validated shape has whole nodes, whole nodes per site, and finite positive figures.

export interface ClusterShape {
  /** GPUs in the simulated cluster (whole nodes). */
  gpus: number;
  /** GPUs per scale-up domain: 8 for an HGX node, 72 for an NVL72 rack. */
  gpus_per_node: number;
  /** Scale-up bandwidth per GPU, bidirectional GB/s (the catalog's convention); per direction is half. */
  scale_up_gb_per_s: number;
  /** Scale-out NIC bandwidth per GPU, Gb/s per direction. */
  scale_out_gbit_per_s: number;
  /** Per-message latency inside a scale-up domain (alpha of NVLink). */
  scale_up_latency_us: number;
  /** Per-message latency across the leaf/spine fabric (alpha of IB/RoCE across racks). */
  hop_latency_us: number;
  /** Sites; nodes are split evenly across them in contiguous blocks. */
  sites: number;
  /** Fiber distance between consecutive sites (sites lie on a line). */
  site_distance_km: number;
  fiber_us_per_km: number;
  /** Long-haul bandwidth out of (and into) each site, Gb/s per direction. */
  inter_site_gbit_per_s: number;
  /** Leaf uplink oversubscription (1 = non-blocking fat tree). */
  oversubscription: number;
  /** Achieved / nominal bandwidth for every link (protocol and kernel overheads). */
  link_efficiency: number;
}

/** Defaults for a DGX/HGX H100 cluster on one site. */
export const H100_CLUSTER: ClusterShape = {
  gpus: 128,
  gpus_per_node: 8, // DGX H100 NVLink domain (infrastructure.md section 5, kshirol-dev; P)
  scale_up_gb_per_s: 900, // NVLink4, bidirectional (scaleway docs; Q)
  scale_out_gbit_per_s: 400, // CX-7 NDR per GPU (Llama 3 paper, 2024; Q)
  scale_up_latency_us: 1, // NVLink ~1 us (ttsugriy, distributed-training-book, alpha-beta model; Q)
  hop_latency_us: 4, // IB across racks 3-5 us (same source; Q)
  sites: 1,
  site_distance_km: 0,
  fiber_us_per_km: 4.9, // n = 1.468 (mapyourtech.com; Q)
  inter_site_gbit_per_s: 100_000, // assumption (baseline-2025 scenario): leased 100 Tb/s between campuses
  oversubscription: 1, // non-blocking rail-optimized fabric (Llama 3 24k-GPU cluster design; P)
  link_efficiency: 1,
};

/** Bytes per microsecond for a GB/s figure (1 GB/s = 1e9 B/s = 1e3 B/us). */
export const bytesPerUsFromGBps = (gb_per_s: number): number => gb_per_s * 1e3;
/** Bytes per microsecond for a Gb/s figure (1 Gb/s = 125 B/us). */
export const bytesPerUsFromGbps = (gbit_per_s: number): number => gbit_per_s * 125;

/** Problems with a shape, as messages naming the field; empty when valid. */
export function clusterProblems(c: ClusterShape): string[] {
  const out: string[] = [];
  const intAtLeast1 = ['gpus', 'gpus_per_node', 'sites'] as const;
  for (const k of intAtLeast1)
    if (!Number.isSafeInteger(c[k]) || c[k] < 1) out.push(`${k} must be an integer >= 1 (got ${c[k]})`);
  const positive = [
    'scale_up_gb_per_s',
    'scale_out_gbit_per_s',
    'fiber_us_per_km',
    'inter_site_gbit_per_s',
    'link_efficiency',
  ] as const;
  for (const k of positive)
    if (!(c[k] > 0 && Number.isFinite(c[k]))) out.push(`${k} must be finite and > 0 (got ${c[k]})`);
  const nonNeg = ['scale_up_latency_us', 'hop_latency_us', 'site_distance_km'] as const;
  for (const k of nonNeg)
    if (!(c[k] >= 0 && Number.isFinite(c[k]))) out.push(`${k} must be finite and >= 0 (got ${c[k]})`);
  if (!(c.oversubscription >= 1 && Number.isFinite(c.oversubscription)))
    out.push(`oversubscription must be >= 1 (got ${c.oversubscription})`);
  if (c.link_efficiency > 1) out.push(`link_efficiency must be <= 1 (got ${c.link_efficiency})`);
  if (out.length === 0 && c.gpus % c.gpus_per_node !== 0)
    out.push(`gpus (${c.gpus}) must be a multiple of gpus_per_node (${c.gpus_per_node})`);
  if (out.length === 0 && (c.gpus / c.gpus_per_node) % c.sites !== 0)
    out.push(`nodes (${c.gpus / c.gpus_per_node}) must divide evenly across ${c.sites} sites`);
  return out;
}

export function assertCluster(c: ClusterShape): void {
  const p = clusterProblems(c);
  if (p.length) throw new RangeError(`invalid cluster shape: ${p.join('; ')}`);
}
