// The network wall's all-to-all from the microsecond flow simulation (src/network) instead of the
// closed form. One expert-parallel group (the scenario's EP degree, DeepSeek-V3's EP64 by default,
// arXiv:2412.19437 3.2, or one scale-up domain when that is larger) is simulated once per cluster
// class under perfectly balanced routing, with the scenario's dispatch and combine widths and node
// limit: the result is a cost per byte relative to the NIC's line rate, which captures the
// topology, contention and hierarchical forwarding. The layer is simulated latency-free, so the
// cost is bandwidth alone and a class never depends on a scenario's latencies (the process-wide
// cache is keyed without them); the step adds the latencies in closed form. Routing skew is not
// simulated here: the imbalance law (src/workload/imbalance-law.ts) stretches the NIC share of the
// bytes by the busiest node and the NVLink share by the busiest GPU, as the closed form does. The
// step's all-to-all is then its bytes over the NIC at that relative cost, plus per-layer latencies.
// Cached per class for the process, so a run or a sweep simulates only a handful of layers. Dense
// families have no all-to-all: closed form.
import { A2aMethod, RoutingMode, simulateMoeLayer } from '../network/moe-layer.ts';
import type { ClusterShape } from '../network/cluster-shape.ts';
import {
  resendFactor,
  stepComm,
  stretchDevice,
  stretchNic,
  type StepComm,
  type StepCommInputs,
} from '../workload/step-comm.ts';

/** Canonical per-GPU tokens and hidden size of the simulated layer (bytes scale out of the ratio). */
const TOKENS = 512;
const D_MODEL = 1024;
/** Slowdowns per cluster class: the EP group and widths (a string key, built only for a group not
 * among the recent ones) -> the scale-up/scale-out ratio in half-octaves -> slowdown. Called tens of
 * times per step, alternating between the fleet's generations (one group each), so the common path
 * is a few numeric compares over the recent groups (and their last ratio). */
const cache = new Map<string, Map<number, number>>();
interface GroupKey {
  experts: number;
  top_k: number;
  node: number;
  ep: number;
  node_limit: number;
  dispatch: number;
  combine: number;
  byRatio: Map<number, number>;
  /** The scale-up/scale-out ratios last asked of this group (NaN: none yet) and their slowdowns, the
   * next to overwrite at `next`: a group is mostly one generation, asked about its own ratio tens of
   * times a step, and about the same few mixes of a span again at each network scale (spares the log2
   * and the Map; the slowdown is a function of the exact ratio, so a kept one is the one found). */
  ratios: number[];
  slowdowns: number[];
  next: number;
}
/** The groups met most recently (a fleet mixes a handful of generations), newest last. */
const recent: GroupKey[] = [];
const RECENT_GROUPS = 8;
/** Ratios kept per group: a step's spans of several sites at three network scales, and its walls'. */
const RECENT_RATIOS = 8;

function groupSlowdowns(
  experts: number,
  topK: number,
  node: number,
  ep: number,
  nodeLimit: number,
  dispatch: number,
  combine: number,
): GroupKey {
  for (let i = recent.length - 1; i >= 0; i--) {
    const g = recent[i];
    if (
      g.experts === experts &&
      g.top_k === topK &&
      g.node === node &&
      g.ep === ep &&
      g.node_limit === nodeLimit &&
      g.dispatch === dispatch &&
      g.combine === combine
    )
      return g;
  }
  const key = `${experts}/${topK}/${node}/${ep}/${nodeLimit}/${dispatch}/${combine}`;
  let byRatio = cache.get(key);
  if (byRatio === undefined) cache.set(key, (byRatio = new Map()));
  if (recent.length === RECENT_GROUPS) recent.shift();
  const g = {
    experts,
    top_k: topK,
    node,
    ep,
    node_limit: nodeLimit,
    dispatch,
    combine,
    byRatio,
    ratios: Array.from({ length: RECENT_RATIOS }, () => NaN),
    slowdowns: Array.from({ length: RECENT_RATIOS }, () => 0),
    next: 0,
  };
  recent.push(g);
  return g;
}

/** EP group simulated: the scenario's degree in whole scale-up domains, at most the experts. */
export function simulatedEpGpus(c: StepCommInputs): number {
  const node = Math.max(1, Math.round(c.scale_up_domain_gpus));
  const experts = Math.max(1, Math.round(c.routed_experts));
  return node >= c.ep_devices ? node : Math.max(node, Math.floor(Math.min(c.ep_devices, experts) / node) * node);
}

/** The inputs a2aSlowdown read at its last call and what it returned (numbers only, NaN until the
 * first): the solve asks about one span's generation and ratio several times in a row, and the
 * answer is a function of these inputs alone, so a repeat skips the group's search. */
const LAST = {
  domain: NaN,
  experts: NaN,
  top_k: NaN,
  ep_devices: NaN,
  node_limit: NaN,
  dispatch: NaN,
  combine: NaN,
  up: NaN,
  out: NaN,
  slowdown: 0,
};

/** Simulated per-GPU all-to-all time / (per-GPU bytes / NIC line rate), balanced routing, one cluster class. */
export function a2aSlowdown(c: StepCommInputs): number {
  const l = LAST;
  if (
    c.scale_up_bytes_per_s === l.up &&
    c.scale_out_bytes_per_s === l.out &&
    c.scale_up_domain_gpus === l.domain &&
    c.routed_experts === l.experts &&
    c.top_k === l.top_k &&
    c.ep_devices === l.ep_devices &&
    c.node_limit === l.node_limit &&
    c.dispatch_bytes_per_element === l.dispatch &&
    c.combine_bytes_per_element === l.combine
  )
    return l.slowdown;
  const slowdown = groupA2aSlowdown(c);
  l.up = c.scale_up_bytes_per_s;
  l.out = c.scale_out_bytes_per_s;
  l.domain = c.scale_up_domain_gpus;
  l.experts = c.routed_experts;
  l.top_k = c.top_k;
  l.ep_devices = c.ep_devices;
  l.node_limit = c.node_limit;
  l.dispatch = c.dispatch_bytes_per_element;
  l.combine = c.combine_bytes_per_element;
  return (l.slowdown = slowdown);
}

/** a2aSlowdown from its group's cache (the search for the group, its last ratio, its classes). */
function groupA2aSlowdown(c: StepCommInputs): number {
  const node = Math.max(1, Math.round(c.scale_up_domain_gpus));
  const experts = Math.max(1, Math.round(c.routed_experts));
  const ep = simulatedEpGpus(c);
  // Classes, not exact values: the scale-up/scale-out ratio of a mixed fleet moves every step, so it
  // is snapped to half-octaves; a run then simulates a few layers.
  // (The class is keyed by the half-octave count itself: one count, one ratio.)
  const ratio = c.scale_up_bytes_per_s / c.scale_out_bytes_per_s;
  const nodeLimit = c.node_limit > 0 && c.node_limit < ep / node ? c.node_limit : 0;
  const group = groupSlowdowns(
    experts,
    c.top_k,
    node,
    ep,
    nodeLimit,
    c.dispatch_bytes_per_element,
    c.combine_bytes_per_element,
  );
  const ratios = group.ratios;
  for (let i = 0; i < RECENT_RATIOS; i++) if (ratios[i] === ratio) return group.slowdowns[i];
  const halfOctaves = Math.round(2 * Math.log2(ratio));
  const byRatio = group.byRatio;
  const hit = byRatio.get(halfOctaves);
  if (hit !== undefined) return keepRatio(group, ratio, hit);
  const upOverOut = Math.pow(2, halfOctaves / 2);
  const width = { dispatch: c.dispatch_bytes_per_element, combine: c.combine_bytes_per_element };
  const outGbit = 400; // canonical NIC; the ratio is what carries over
  const cluster: ClusterShape = {
    gpus: ep,
    gpus_per_node: node,
    scale_up_gb_per_s: (outGbit / 8) * upOverOut,
    scale_out_gbit_per_s: outGbit,
    // latency-free: the slowdown is the bandwidth cost (topology, contention, forwarding) alone, so
    // it depends on the class and never on the scenario's latencies, which the step's all-to-all adds
    // in closed form (simulatedAllToAll)
    scale_up_latency_us: 0,
    hop_latency_us: 0,
    sites: 1,
    site_distance_km: 0,
    fiber_us_per_km: c.fiber_us_per_km,
    inter_site_gbit_per_s: outGbit,
    oversubscription: 1,
    link_efficiency: 1,
  };
  const layer = simulateMoeLayer({
    cluster,
    experts,
    top_k: Math.max(1, c.top_k),
    d_model: D_MODEL,
    tokens_per_gpu: TOKENS,
    dispatch_bytes_per_element: width.dispatch,
    combine_bytes_per_element: width.combine,
    expert_load: new Array<number>(experts).fill(1),
    node_limit: nodeLimit > 0 ? nodeLimit : undefined,
    method: A2aMethod.hierarchical,
    routing: RoutingMode.balanced,
    expert_compute_us: 0,
    seed: 'firstwall.wall-model.a2a',
  });
  const bytesPerGpu =
    TOKENS * Math.max(1, c.top_k) * (1 - 1 / Math.min(ep, experts)) * D_MODEL * (width.dispatch + width.combine);
  const lineRateUs = bytesPerGpu / (outGbit * 125);
  const slowdown = layer.p99_us / lineRateUs;
  byRatio.set(halfOctaves, slowdown);
  return keepRatio(group, ratio, slowdown);
}

/** Keeps `ratio`'s slowdown among the group's recent ones (over the oldest); returns it. */
function keepRatio(group: GroupKey, ratio: number, slowdown: number): number {
  const i = group.next;
  group.ratios[i] = ratio;
  group.slowdowns[i] = slowdown;
  group.next = i + 1 === RECENT_RATIOS ? 0 : i + 1;
  return slowdown;
}

/** The step's all-to-all at a simulated slowdown, one function per slowdown (a run meets a handful). */
const allToAllBySlowdown = new Map<number, (x: StepCommInputs) => number>();
let lastSlowdown = NaN;
let lastAllToAll: ((x: StepCommInputs) => number) | undefined;
function simulatedAllToAll(slowdown: number): (x: StepCommInputs) => number {
  if (slowdown === lastSlowdown) return lastAllToAll!; // the same as the call before (most calls)
  let f = allToAllBySlowdown.get(slowdown);
  if (f === undefined) {
    f = (x: StepCommInputs) => {
      const inter = x.a2a_bytes_per_token_inter,
        intra = x.a2a_bytes_per_token_intra;
      // bytes-weighted stretch: NIC bytes wait for the busiest node, NVLink bytes for the busiest GPU
      const stretch = inter + intra > 0 ? (inter * stretchNic(x) + intra * stretchDevice(x)) / (inter + intra) : 1;
      const bytes = ((2 * x.global_batch_tokens) / x.run_gpus) * (inter + intra) * resendFactor(x); // fwd + bwd
      return (
        (bytes / (x.scale_out_bytes_per_s * x.collective_efficiency)) * slowdown * stretch +
        4 * x.moe_layers * x.hop_latency_us * 1e-6
      );
    };
    allToAllBySlowdown.set(slowdown, f);
  }
  lastSlowdown = slowdown;
  return (lastAllToAll = f);
}

/** `out`: filled and returned instead of a new object (stepComm's). */
export function simulatedStepComm(c: StepCommInputs, out?: StepComm): StepComm {
  if (c.moe_layers === 0 || c.routed_experts === 0 || c.top_k === 0) return stepComm(c, undefined, undefined, out);
  // Fewer experts than GPUs in a scale-up domain: the whole expert set sits inside one domain, no
  // whole-node EP group exists to simulate, and the closed form (scale-up bandwidth) applies.
  if (c.routed_experts < Math.round(c.scale_up_domain_gpus)) return stepComm(c, undefined, undefined, out);
  return stepComm(c, simulatedAllToAll(a2aSlowdown(c)), 'simulated', out);
}
