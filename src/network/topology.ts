// The topology: directed links with a capacity (bytes/us) and the path and latency of a message
// between two GPUs. GPUs sit in scale-up domains (nodes); every GPU has a scale-up port and a
// scale-out NIC (each a pair of directed links) into a leaf/spine fabric; optional leaf uplinks
// model oversubscription; sites are joined by long-haul links and fiber delay.
// Invariant: a path lists each link once; a GPU's path to itself is empty (a local copy is free).
import { assertCluster, bytesPerUsFromGBps, bytesPerUsFromGbps, type ClusterShape } from './cluster-shape.ts';

export interface Topology {
  readonly shape: ClusterShape;
  readonly gpus: number;
  readonly nodes: number;
  /** Capacity of each link in bytes per microsecond. */
  readonly capacity_B_per_us: Float64Array;
  /** Human-readable name of a link (traces, errors). */
  linkName(link: number): string;
  nodeOf(gpu: number): number;
  siteOf(gpu: number): number;
  /** Writes the links from src to dst into `out` from index `at` (default 0); returns how many. */
  path(src: number, dst: number, out: Int32Array, at?: number): number;
  /** One-way message latency from src to dst (alpha plus fiber propagation). */
  latency_us(src: number, dst: number): number;
}

/** The longest path the topology produces (scale-out with uplinks and two site links). */
export const MAX_PATH_LINKS = 6;

export function buildTopology(shape: ClusterShape): Topology {
  assertCluster(shape);
  const G = shape.gpus;
  const per = shape.gpus_per_node;
  const nodes = G / per;
  const nodesPerSite = nodes / shape.sites;
  const oversub = shape.oversubscription > 1;
  const eff = shape.link_efficiency;
  // Link index layout: [upOut G][upIn G][nicOut G][nicIn G][leafUp nodes][leafDown nodes][siteOut S][siteIn S]
  const UP_OUT = 0,
    UP_IN = G,
    NIC_OUT = 2 * G,
    NIC_IN = 3 * G;
  const LEAF_UP = 4 * G,
    LEAF_DOWN = LEAF_UP + (oversub ? nodes : 0);
  const SITE_OUT = LEAF_DOWN + (oversub ? nodes : 0),
    SITE_IN = SITE_OUT + shape.sites;
  const L = SITE_IN + shape.sites;
  const cap = new Float64Array(L);
  // Scale-up figures are bidirectional: each direction gets half.
  const up = (bytesPerUsFromGBps(shape.scale_up_gb_per_s) / 2) * eff;
  const nic = bytesPerUsFromGbps(shape.scale_out_gbit_per_s) * eff;
  const leaf = (nic * per) / shape.oversubscription;
  const wan = bytesPerUsFromGbps(shape.inter_site_gbit_per_s) * eff;
  cap.fill(up, UP_OUT, NIC_OUT);
  cap.fill(nic, NIC_OUT, LEAF_UP);
  cap.fill(leaf, LEAF_UP, SITE_OUT);
  cap.fill(wan, SITE_OUT, L);

  const nodeOf = (g: number): number => Math.floor(g / per);
  const siteOf = (g: number): number => Math.floor(nodeOf(g) / nodesPerSite);
  const names = ['up-out', 'up-in', 'nic-out', 'nic-in', 'leaf-up', 'leaf-down', 'site-out', 'site-in'];
  const starts = [UP_OUT, UP_IN, NIC_OUT, NIC_IN, LEAF_UP, LEAF_DOWN, SITE_OUT, SITE_IN, L];

  return {
    shape,
    gpus: G,
    nodes,
    capacity_B_per_us: cap,
    nodeOf,
    siteOf,
    linkName(link) {
      let k = 0;
      while (k < names.length - 1 && link >= starts[k + 1]) k++;
      return `${names[k]}[${link - starts[k]}]`;
    },
    // path and latency_us run once per message: node and site arithmetic written out (as nodeOf, siteOf)
    path(src, dst, out, at = 0) {
      if (src === dst) return 0;
      const a = Math.floor(src / per),
        b = Math.floor(dst / per);
      if (a === b) {
        out[at] = UP_OUT + src;
        out[at + 1] = UP_IN + dst;
        return 2;
      }
      let n = at;
      out[n++] = NIC_OUT + src;
      if (oversub) out[n++] = LEAF_UP + a;
      const sa = Math.floor(a / nodesPerSite),
        sb = Math.floor(b / nodesPerSite);
      if (sa !== sb) {
        out[n++] = SITE_OUT + sa;
        out[n++] = SITE_IN + sb;
      }
      if (oversub) out[n++] = LEAF_DOWN + b;
      out[n++] = NIC_IN + dst;
      return n - at;
    },
    latency_us(src, dst) {
      if (src === dst) return 0;
      const a = Math.floor(src / per),
        b = Math.floor(dst / per);
      if (a === b) return shape.scale_up_latency_us;
      const km = Math.abs(Math.floor(a / nodesPerSite) - Math.floor(b / nodesPerSite)) * shape.site_distance_km;
      return shape.hop_latency_us + km * shape.fiber_us_per_km;
    },
  };
}
