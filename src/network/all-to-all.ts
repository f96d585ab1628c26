// All-to-all(v) as flows, in the two forms MoE systems use, within one EP group of GPUs
// [base, base+G) aligned to whole nodes:
// - flat: every (src, dst) pair sends its bytes directly, one flow per pair (aggregated);
// - hierarchical (DeepEP normal kernels, DeepSeek-V3 3.2.2): a token crosses scale-out once per
//   target node, to the GPU of the same local index, which forwards it over NVLink to the target
//   GPUs on that node, cut-through or store-and-forward (RelayMode below).
// A GPU enters an exchange when it is ready (enter(i)); messages wait for their receiver to enter
// (rendezvous), and onDone(i) fires when GPU i's sends and receives are all over (rendezvous.ts).
// Invariant: every byte of the plan is sent exactly once; each GPU's completion fires once.
import { countdown } from './countdown.ts';
import type { FlowSink } from './flow-sink.ts';
import { NONE, Rendezvous } from './rendezvous.ts';

export interface Exchange {
  /** Local GPU i joins the exchange: its sends start, and messages to it may flow (call once per GPU). */
  enter(i: number): void;
}

/** Flat all-to-all(v): bytes(s, d) from local s to local d. */
export function flatAllToAll(
  net: FlowSink,
  base: number,
  G: number,
  bytes: (s: number, d: number) => number,
  label: string,
  onDone: (i: number) => void,
): Exchange {
  const tasks = new Int32Array(G);
  for (let s = 0; s < G; s++)
    for (let d = 0; d < G; d++)
      if (s !== d && bytes(s, d) > 0) {
        tasks[s]++;
        tasks[d]++;
      }
  const rv = new Rendezvous(net, base, tasks, [label], onDone);
  return {
    enter(s) {
      rv.enter(s);
      for (let k = 1; k < G; k++) {
        const d = (s + k) % G; // staggered destination order, as NCCL's all-to-all does
        const b = bytes(s, d);
        if (b > 0) rv.send(s, d, b, 0);
      }
    },
  };
}

/** Byte counts of a hierarchical exchange, over local GPU indices: copies times `bytes` per copy. */
export interface HierPlan {
  G: number;
  per: number;
  /** Bytes per copy. */
  bytes: number;
  /** [s*nodes + n]: copies from GPU s to node n (s not on n), delivered to n's GPU of s's local index. */
  nodeCopies: Float64Array;
  /** [s*G + h]: copies from GPU s to GPU h on the same node (no relay). */
  localCopies: Float64Array;
  /** [r*G + h]: copies relay r forwards over NVLink to GPU h on its node (data that came from other nodes). */
  relayCopies: Float64Array;
}

/** Per-GPU message counts of a hierarchical plan, and each relay's scale-out inputs. */
function hierCounts(plan: HierPlan): { tasks: Int32Array; scaleOutIn: Int32Array; reduceIn: Int32Array } {
  const { G, per, bytes, nodeCopies, localCopies, relayCopies } = plan;
  const nodes = G / per;
  const tasks = new Int32Array(G),
    scaleOutIn = new Int32Array(G),
    reduceIn = new Int32Array(G);
  // copies * bytes > 0 exactly when both are (copies are counts or expected counts, never small
  // enough to underflow): the counts need no products
  const some = bytes > 0;
  for (let a = 0; a < G; a++) {
    const node = Math.floor(a / per),
      n0 = node * per;
    for (let b = n0; b < n0 + per; b++) {
      if (a === b) continue;
      // a -> b local bytes, and relay a -> b forwards (dispatch) / b -> relay a reductions (combine)
      if (some && localCopies[a * G + b] > 0) (tasks[a]++, tasks[b]++);
      if (some && relayCopies[a * G + b] > 0) (tasks[a]++, tasks[b]++, reduceIn[a]++);
    }
    for (let n = 0; n < nodes; n++) {
      if (n === node || !(some && nodeCopies[a * nodes + n] > 0)) continue;
      const r = n * per + (a % per);
      tasks[a]++;
      tasks[r]++;
      scaleOutIn[r]++;
    }
  }
  return { tasks, scaleOutIn, reduceIn };
}

/**
 * How a relay passes data on. cut-through: it forwards while its inputs stream in (DeepEP moves
 * chunks of a few tokens through the relay), as flows that start with the relay and cannot end
 * before the relay's last input is in plus one latency; store-and-forward: only after its last
 * input (conservative).
 */
export const RelayMode = { cutThrough: 'cut-through', storeAndForward: 'store-and-forward' } as const;
export type RelayMode = (typeof RelayMode)[keyof typeof RelayMode];
export const isRelayMode = (x: unknown): x is RelayMode => x === 'cut-through' || x === 'store-and-forward';

/**
 * Runs relay r's onward sends: at once, each held until the relay's inputs are in plus the
 * onward latency (cut-through), or only when the inputs are in (store-and-forward).
 * Returns the relay's start and the follow-up (a callback of rv) for each of its inputs' arrival
 * (count = inputs + 1 for its own entry).
 */
function relayStage(
  net: FlowSink,
  rv: Rendezvous,
  mode: RelayMode,
  inputs: number,
  onward: (held: number) => void,
  onwardLatency_us: number,
): { arrive: number; start: () => void } {
  if (mode === RelayMode.storeAndForward) {
    const arrive = countdown(inputs + 1, () => onward(NONE));
    return { arrive: rv.callback(arrive), start: arrive };
  }
  const latch = rv.latch();
  const arrive = countdown(inputs + 1, () => net.after(onwardLatency_us, () => rv.open(latch)));
  return {
    arrive: rv.callback(arrive),
    start: () => {
      onward(latch);
      arrive();
    },
  };
}

/** Dispatch: scale-out to relays, then NVLink fan-out from each relay. */
export function hierDispatch(
  net: FlowSink,
  base: number,
  plan: HierPlan,
  label: string,
  onDone: (i: number) => void,
  mode: RelayMode = RelayMode.storeAndForward,
): Exchange {
  const { G, per, bytes, nodeCopies, localCopies, relayCopies } = plan;
  const nodes = G / per;
  const { tasks, scaleOutIn } = hierCounts(plan);
  // labels built once per exchange, not per message
  const FORWARD = 0,
    SCALE_OUT = 1,
    NVLINK = 2;
  const rv = new Rendezvous(
    net,
    base,
    tasks,
    [`${label} nvlink-forward`, `${label} scale-out`, `${label} nvlink`],
    onDone,
  );
  const upLatency = nodes > 0 && per > 1 ? net.topo.latency_us(base, base + 1) : 0;
  // one node: nothing enters from other nodes, so there is nothing to relay (no relay stages)
  const relay =
    nodes === 1
      ? []
      : Array.from({ length: G }, (_, r) =>
          relayStage(
            net,
            rv,
            mode,
            scaleOutIn[r],
            (held) => {
              const n0 = Math.floor(r / per) * per;
              for (let h = n0; h < n0 + per; h++) {
                const b = h === r ? 0 : relayCopies[r * G + h] * bytes;
                if (b > 0) rv.send(r, h, b, FORWARD, NONE, held);
              }
            },
            upLatency,
          ),
        );
  return {
    enter(s) {
      rv.enter(s);
      if (nodes > 1) relay[s].start();
      const node = Math.floor(s / per),
        local = s % per;
      for (let k = 1; k < nodes; k++) {
        const n = (node + k) % nodes;
        const b = nodeCopies[s * nodes + n] * bytes;
        if (b > 0) rv.send(s, n * per + local, b, SCALE_OUT, relay[n * per + local].arrive);
      }
      for (let h = node * per; h < (node + 1) * per; h++) {
        const b = h === s ? 0 : localCopies[s * G + h] * bytes;
        if (b > 0) rv.send(s, h, b, NVLINK);
      }
    },
  };
}

/** Combine: NVLink from experts to each source's relay (reduced there), then one scale-out copy back. */
export function hierCombine(
  net: FlowSink,
  base: number,
  plan: HierPlan,
  label: string,
  onDone: (i: number) => void,
  mode: RelayMode = RelayMode.storeAndForward,
): Exchange {
  const { G, per, bytes, nodeCopies, localCopies, relayCopies } = plan;
  const nodes = G / per;
  // Combine runs the dispatch plan backwards: the counts per GPU are the same.
  const { tasks, reduceIn } = hierCounts(plan);
  const SCALE_OUT = 0,
    REDUCE = 1,
    NVLINK = 2;
  const rv = new Rendezvous(
    net,
    base,
    tasks,
    [`${label} scale-out`, `${label} nvlink-reduce`, `${label} nvlink`],
    onDone,
  );
  const outLatency = nodes > 1 ? net.topo.latency_us(base, base + per) : 0;
  // one node: nothing goes back to other nodes, so there is nothing to reduce at a relay
  const relay =
    nodes === 1
      ? []
      : Array.from({ length: G }, (_, r) =>
          relayStage(
            net,
            rv,
            mode,
            reduceIn[r],
            (held) => {
              const node = Math.floor(r / per),
                local = r % per;
              for (let k = 1; k < nodes; k++) {
                const s = ((node + k) % nodes) * per + local;
                const b = nodeCopies[s * nodes + node] * bytes;
                if (b > 0) rv.send(r, s, b, SCALE_OUT, NONE, held);
              }
            },
            outLatency,
          ),
        );
  return {
    enter(h) {
      rv.enter(h);
      const n0 = Math.floor(h / per) * per;
      for (let r = n0; r < n0 + per; r++) {
        if (r === h) continue;
        const toRelay = relayCopies[r * G + h] * bytes;
        if (toRelay > 0) rv.send(h, r, toRelay, REDUCE, relay[r].arrive);
        const local = localCopies[r * G + h] * bytes;
        if (local > 0) rv.send(h, r, local, NVLINK);
      }
      if (nodes > 1) relay[h].start();
    },
  };
}
