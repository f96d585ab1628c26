// One MoE layer's dispatch and combine across the cluster, simulated as flows:
//
//   routing sample per EP group (random draws from a load histogram, or perfectly balanced)
//   -> byte plan (flat or hierarchical) -> every GPU enters dispatch at t = 0
//   -> a GPU's dispatch ends when its sends and receives are done -> its experts compute
//   -> it enters combine (messages wait for their receiver to enter: rendezvous.ts)
//   -> per-GPU completion times -> mean, p99, max; the dispatch's busiest-link lower bound.
//
// Byte accounting follows moe.md 1.7: one copy per (token, expert) for the flat form (no dedup,
// as DeepEP's low-latency path counts), one scale-out copy per (token, node) for the hierarchical
// form; dispatch and combine widths apart (DeepEP: FP8 with scales d + d/128*4, BF16 combine 2d).
// Invariant: a pure function of its input (seeded streams only); same input, same result.
import { Environment } from '../engine/index.ts';
import { createRng } from '../engine/rng.ts';
import { flatAllToAll, hierCombine, hierDispatch, RelayMode, type Exchange, type HierPlan } from './all-to-all.ts';
import { balancedRouting } from './balanced-routing.ts';
import type { ClusterShape } from './cluster-shape.ts';
import { epGroupSize } from './ep-group.ts';
import { epLayerClosedForm, type EpLayerTime } from './ep-closed-form.ts';
import { imbalanceOf } from './expert-load.ts';
import { FlowNetwork } from './flow-network.ts';
import type { FlowRecord, FlowSink } from './flow-sink.ts';
import { LinkLoad } from './lower-bound.ts';
import { drawRouting, type RoutingInput, type RoutingSample } from './routing.ts';
import { summarize, type Summary } from './stats.ts';
import { buildTopology } from './topology.ts';

export const A2aMethod = { flat: 'flat', hierarchical: 'hierarchical' } as const;
export type A2aMethod = (typeof A2aMethod)[keyof typeof A2aMethod];
export const isA2aMethod = (x: unknown): x is A2aMethod => x === 'flat' || x === 'hierarchical';

/** random: tokens draw experts from expert_load (uniform, Zipf or a measured histogram); balanced: the ideal. */
export const RoutingMode = { random: 'random', balanced: 'balanced' } as const;
export type RoutingMode = (typeof RoutingMode)[keyof typeof RoutingMode];
export const isRoutingMode = (x: unknown): x is RoutingMode => x === 'random' || x === 'balanced';

/** Where shared experts run: on the token's GPU (Day-6 deployment) or as extra routed copies (V3 3.4.2). */
export const SharedPlacement = { local: 'local', routed: 'routed' } as const;
export type SharedPlacement = (typeof SharedPlacement)[keyof typeof SharedPlacement];

/** DeepEP FP8 dispatch bytes per element: 1 B plus one fp32 scale per 128 elements (moe.md 1.7; P). */
export const FP8_DISPATCH_BYTES_PER_ELEMENT = 1 + 4 / 128;
/** DeepEP BF16 combine bytes per element (moe.md 1.7: num_bf16_bytes = hidden * 2; P). */
export const BF16_COMBINE_BYTES_PER_ELEMENT = 2;

export interface MoeLayerInput {
  cluster: ClusterShape;
  experts: number;
  top_k: number;
  d_model: number;
  tokens_per_gpu: number;
  dispatch_bytes_per_element: number;
  combine_bytes_per_element: number;
  /** Relative load per expert (length = experts); random routing draws from it. */
  expert_load: readonly number[];
  /** Most nodes per token (node-limited routing); absent: unlimited. */
  node_limit?: number;
  method: A2aMethod;
  /** Hierarchical relays: cut-through (default; DeepEP streams chunks through them) or store-and-forward. */
  relay?: RelayMode;
  /** Expert compute between a GPU's dispatch and its combine. */
  expert_compute_us: number;
  seed: string | number;
  /** Default random. */
  routing?: RoutingMode;
  /** Shared (always-on) experts per token, and where they run (default local: no network bytes). */
  shared_experts?: number;
  shared_placement?: SharedPlacement;
  /** Keep every flow for a trace. */
  record?: boolean;
  /** Rate-update quantum (see FlowNetwork); 0 = exact; absent: DEFAULT_QUANTUM_SHARE of the layer estimate. */
  quantum_us?: number;
}

export interface MoeLayerResult extends Summary {
  method: A2aMethod;
  routing: RoutingMode;
  ep_group_gpus: number;
  /** Latest end of a GPU's dispatch (its sends and receives done). */
  dispatch_max_us: number;
  /** Busiest-link lower bound of the dispatch for the same routing samples (max over groups; a dry
   * run made when this or dispatch_busiest_link is first read). */
  dispatch_lower_bound_us: number;
  dispatch_busiest_link: string;
  /** Per-GPU completion of the layer (combine results all back). */
  done_us: Float64Array;
  flows: number;
  solves: number;
  /** Bytes that crossed scale-out (between nodes). */
  scale_out_bytes: number;
  /** max/mean of the realized per-expert load. */
  realized_imbalance: number;
  records: FlowRecord[];
}

/**
 * Numerical setting, not a model parameter: completions are batched on a grid of 1/1000 of the
 * closed-form layer time, bounding the error at 0.1% per dependency stage (6 stages: <= 0.6%,
 * measured 0.13% on 128 GPUs) while cutting fair-share solves about 4x.
 */
export const DEFAULT_QUANTUM_SHARE = 1e-3;

const relayOf = (i: MoeLayerInput): RelayMode => i.relay ?? RelayMode.cutThrough;

const sharedRouted = (i: MoeLayerInput): number =>
  i.shared_placement === SharedPlacement.routed ? (i.shared_experts ?? 0) : 0;

/** Closed form of the layer under balanced routing, on the EP group the simulation uses. */
export function moeLayerClosedForm(input: MoeLayerInput): EpLayerTime {
  const c = input.cluster;
  return epLayerClosedForm({
    ...input,
    ep_gpus: epGroupSize(c.gpus, input.experts, c.gpus_per_node),
    shared_routed: sharedRouted(input),
    relay: relayOf(input),
  });
}

/** Closed-form layer time (dispatch + expert compute + combine), balanced routing, no contention. */
export function moeLayerEstimateUs(input: MoeLayerInput): number {
  return moeLayerClosedForm(input).total_us + input.expert_compute_us;
}

export function simulateMoeLayer(input: MoeLayerInput): MoeLayerResult {
  const { cluster } = input;
  const quantum_us = input.quantum_us ?? DEFAULT_QUANTUM_SHARE * moeLayerEstimateUs(input);
  const topo = buildTopology(cluster);
  const ep = epGroupSize(cluster.gpus, input.experts, cluster.gpus_per_node);
  const env = new Environment();
  const net = new FlowNetwork(env, topo, { record: input.record, quantum_us });
  const dispatchDone = new Float64Array(cluster.gpus),
    done = new Float64Array(cluster.gpus);
  const load = new Float64Array(input.experts);
  const routing = input.routing ?? RoutingMode.random;
  let scaleOut = 0;
  const groups: GroupPlans[] = [];
  for (let base = 0; base < cluster.gpus; base += ep) {
    const sample = routingSample(input, ep, `network.moe.routing/group:${base / ep}`);
    sample.expertLoad.forEach((x, e) => (load[e] += x));
    const plans = bytePlans(sample, input);
    groups.push(plans);
    scaleOut += runGroup(env, net, base, plans, input, dispatchDone, done);
  }
  env.run();
  // The bound is a dry run of every group's dispatch, made when first read (the wall model's
  // simulated all-to-all reads only the completion times).
  let bound: { bound_us: number; link: string } | null = null;
  const lowerBound = (): { bound_us: number; link: string } => {
    if (bound === null) {
      bound = { bound_us: 0, link: 'none' };
      for (let g = 0; g < groups.length; g++) {
        const lb = dispatchLowerBound(topo, g * ep, groups[g], input);
        if (lb.bound_us > bound.bound_us) bound = lb;
      }
    }
    return bound;
  };
  return {
    ...summarize(done),
    method: input.method,
    routing,
    ep_group_gpus: ep,
    dispatch_max_us: Math.max(...dispatchDone),
    get dispatch_lower_bound_us() {
      return lowerBound().bound_us;
    },
    get dispatch_busiest_link() {
      return lowerBound().link;
    },
    done_us: done,
    flows: net.flowsStarted,
    solves: net.solves,
    scale_out_bytes: scaleOut,
    realized_imbalance: imbalanceOf(load),
    records: net.records,
  };
}

/** The routing sample of one EP group: drawn from its named stream, or the balanced ideal. */
export function routingSample(input: MoeLayerInput, ep: number, stream: string): RoutingSample {
  const r: RoutingInput = {
    gpus: ep,
    gpus_per_node: Math.min(input.cluster.gpus_per_node, ep),
    experts: input.experts,
    top_k: input.top_k,
    tokens_per_gpu: input.tokens_per_gpu,
    expert_load: input.expert_load,
    node_limit: input.node_limit,
    shared_routed: sharedRouted(input),
    count_copies: input.method === A2aMethod.flat,
  };
  return input.routing === RoutingMode.balanced ? balancedRouting(r) : drawRouting(r, createRng(input.seed, stream));
}

/** One EP group's routing sample and its byte plans (hierarchical only), computed once per group. */
interface GroupPlans {
  s: RoutingSample;
  dispatch: HierPlan | null;
  combine: HierPlan | null;
}

function bytePlans(s: RoutingSample, input: MoeLayerInput): GroupPlans {
  if (input.method === A2aMethod.flat) return { s, dispatch: null, combine: null };
  const relay = hierRelayCopies(s);
  return {
    s,
    dispatch: hierPlan(s, input.d_model * input.dispatch_bytes_per_element, relay),
    combine: hierPlan(s, input.d_model * input.combine_bytes_per_element, relay),
  };
}

/** Busiest-link bound of one group's dispatch: a dry run of the same exchange that only counts bytes. */
function dispatchLowerBound(
  topo: ReturnType<typeof buildTopology>,
  base: number,
  p: GroupPlans,
  input: MoeLayerInput,
): { bound_us: number; link: string } {
  const sink = new LinkLoad(topo);
  const dispatch = exchange(sink, base, p, input, 'dispatch', () => {});
  for (let i = 0; i < p.s.gpus; i++) dispatch.enter(i);
  const b = sink.busiest();
  return { bound_us: b.bound_us, link: b.link };
}

/** The group's dispatch or combine exchange on `net`. */
function exchange(
  net: FlowSink,
  base: number,
  p: GroupPlans,
  input: MoeLayerInput,
  which: 'dispatch' | 'combine',
  onDone: (i: number) => void,
): Exchange {
  const { s } = p;
  const G = s.gpus;
  if (input.method === A2aMethod.flat) {
    if (which === 'dispatch') {
      const disp = input.d_model * input.dispatch_bytes_per_element;
      return flatAllToAll(net, base, G, (a, b) => s.copies[a * G + b] * disp, 'dispatch', onDone);
    }
    const comb = input.d_model * input.combine_bytes_per_element;
    return flatAllToAll(net, base, G, (a, b) => s.copies[b * G + a] * comb, 'combine', onDone);
  }
  return which === 'dispatch'
    ? hierDispatch(net, base, p.dispatch!, 'dispatch', onDone, relayOf(input))
    : hierCombine(net, base, p.combine!, 'combine', onDone, relayOf(input));
}

/** Wires one EP group's dispatch and combine; returns its scale-out bytes. */
function runGroup(
  env: Environment,
  net: FlowNetwork,
  base: number,
  p: GroupPlans,
  input: MoeLayerInput,
  dispatchDone: Float64Array,
  done: Float64Array,
): number {
  const { s } = p;
  let combine: Exchange | null = null;
  const onDispatch = (i: number): void => {
    dispatchDone[base + i] = net.now;
    // through the network, as every event of the layer (it runs its events in the engine's order)
    net.after(input.expert_compute_us, () => combine!.enter(i));
  };
  const onCombine = (i: number): void => void (done[base + i] = net.now);
  const dispatch = exchange(net, base, p, input, 'dispatch', onDispatch);
  combine = exchange(net, base, p, input, 'combine', onCombine);
  for (let i = 0; i < s.gpus; i++) dispatch.enter(i);
  const disp = input.d_model * input.dispatch_bytes_per_element,
    comb = input.d_model * input.combine_bytes_per_element;
  return (input.method === A2aMethod.flat ? flatScaleOutCopies(s) : hierScaleOutCopies(s)) * (disp + comb);
}

function flatScaleOutCopies(s: RoutingSample): number {
  let copies = 0;
  const per = s.gpus_per_node;
  for (let a = 0; a < s.gpus; a++)
    for (let b = 0; b < s.gpus; b++)
      if (Math.floor(a / per) !== Math.floor(b / per)) copies += s.copies[a * s.gpus + b];
  return copies;
}

function hierScaleOutCopies(s: RoutingSample): number {
  let copies = 0;
  for (let a = 0; a < s.gpus; a++)
    for (let n = 0; n < s.nodes; n++)
      if (n !== Math.floor(a / s.gpus_per_node)) copies += s.nodeCopies[a * s.nodes + n];
  return copies;
}

/** The hierarchical byte plan of a routing sample, `bytes` per copy (relay copies: hierRelayCopies). */
export function hierPlan(s: RoutingSample, bytes: number, relayCopies = hierRelayCopies(s)): HierPlan {
  return {
    G: s.gpus,
    per: s.gpus_per_node,
    bytes,
    nodeCopies: s.nodeCopies,
    localCopies: s.gpuCopies,
    relayCopies,
  };
}

/** relay[r*G + h]: (token, GPU) copies that enter r from other nodes and are bound for h. */
function hierRelayCopies(s: RoutingSample): Float64Array {
  const { gpus: G, gpus_per_node: per, nodes, gpuCopies } = s;
  const relay = new Float64Array(G * G);
  if (nodes === 1) return relay; // one node: nothing is relayed
  for (let src = 0; src < G; src++) {
    const a = Math.floor(src / per),
      l = src % per;
    // every h off src's node, in ascending order, node by node: h's relay is GPU l of h's node b
    for (let b = 0; b < nodes; b++) {
      if (b === a) continue;
      const row = (b * per + l) * G;
      for (let h = b * per; h < (b + 1) * per; h++) relay[row + h] += gpuCopies[src * G + h];
    }
  }
  return relay;
}
