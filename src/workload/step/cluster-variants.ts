// One cluster object per GPU count, network scale and HBM bandwidth scale, so their layer costs are found once.
import type { StepCluster } from './cluster.ts';

/** A scaled network: bandwidths x s, latencies / s (the coupled solve's network elasticity). */
export function scaledNetwork(c: StepCluster, s: number): StepCluster {
  if (s === 1) return c;
  return {
    ...c,
    scale_up_gb_per_s: c.scale_up_gb_per_s * s,
    scale_out_gbit_per_s: c.scale_out_gbit_per_s * s,
    scale_up_latency_us: c.scale_up_latency_us / s,
    scale_out_latency_us: c.scale_out_latency_us / s,
  };
}

/** The cluster at `gpus` GPUs, one object per cluster and count: the layer costs know a cluster
 * object's class once (layer-cost.ts), so searches at one count with other reference plans, and
 * later runs, do not describe the cluster again. */
const sizedClusters = new WeakMap<StepCluster, Map<number, StepCluster>>();
export const sized = (c: StepCluster, gpus: number): StepCluster =>
  variant(sizedClusters, c, gpus, () => ({ ...c, gpus }));

/** One object per cluster and `key` in `table`, made by `make` (see sized). */
function variant(
  table: WeakMap<StepCluster, Map<number, StepCluster>>,
  c: StepCluster,
  key: number,
  make: () => StepCluster,
): StepCluster {
  let byKey = table.get(c);
  if (!byKey) table.set(c, (byKey = new Map()));
  let v = byKey.get(key);
  if (!v) byKey.set(key, (v = make()));
  return v;
}

/** The sized cluster with its network scaled by `s` (scaledNetwork), and with its HBM bandwidth x
 * `f` (hbmElasticity), one object each (so their layer costs are found once for the process). */
const scaledClusters = new WeakMap<StepCluster, Map<number, StepCluster>>();
const hbmClusters = new WeakMap<StepCluster, Map<number, StepCluster>>();
export const networkScaled = (c: StepCluster, gpus: number, s: number): StepCluster =>
  variant(scaledClusters, sized(c, gpus), s, () => scaledNetwork(sized(c, gpus), s));
export const hbmScaled = (c: StepCluster, gpus: number, f: number): StepCluster =>
  variant(hbmClusters, sized(c, gpus), f, () => ({ ...sized(c, gpus), hbm_tb_per_s: c.hbm_tb_per_s * f }));
