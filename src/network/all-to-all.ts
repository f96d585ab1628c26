// All-to-all(v) as flows, in the two forms MoE systems use, within one EP group of GPUs
// [base, base+G) aligned to whole nodes:
// - flat: every (src, dst) pair sends its bytes directly, one flow per pair (aggregated);
// - hierarchical (DeepEP normal kernels, DeepSeek-V3 3.2.2): a token crosses scale-out once per
//   target node, to the GPU of the same local index, which forwards it over NVLink to the target
//   GPUs on that node. Forwarding starts when a relay has received all its scale-out inputs
//   (store-and-forward per relay: conservative; DeepEP pipelines chunks through the relay).
// Each form exposes per-sender start (a sender may start late, e.g. after its expert compute)
// and calls onRecvDone(i) when local GPU i has received everything addressed to it.
// Invariant: every byte of the plan is sent exactly once; each GPU's completion fires once.
import { countdown } from './countdown.ts';
import type { FlowNetwork } from './flow-network.ts';

export interface Exchange {
  /** Starts local GPU i's sends (call once per GPU). */
  start(i: number): void;
}

/** Flat all-to-all(v): bytes(s, d) from local s to local d. */
export function flatAllToAll(
  net: FlowNetwork,
  base: number,
  G: number,
  bytes: (s: number, d: number) => number,
  label: string,
  onRecvDone: (i: number) => void,
): Exchange {
  const inbound = new Int32Array(G);
  for (let s = 0; s < G; s++) for (let d = 0; d < G; d++) if (s !== d && bytes(s, d) > 0) inbound[d]++;
  const arrive = Array.from({ length: G }, (_, d) => countdown(inbound[d], () => onRecvDone(d)));
  return {
    start(s) {
      for (let k = 1; k < G; k++) {
        const d = (s + k) % G; // staggered destination order, as NCCL's all-to-all does
        const b = bytes(s, d);
        if (b > 0) net.send(base + s, base + d, b, label, arrive[d]);
      }
    },
  };
}

/** Byte counts of a hierarchical exchange, over local GPU indices. */
export interface HierPlan {
  G: number;
  per: number;
  /** Scale-out bytes from GPU s to node n (s not on n), delivered to n's GPU of s's local index. */
  nodeBytes(s: number, n: number): number;
  /** Bytes from GPU s to GPU h on the same node (no relay). */
  localBytes(s: number, h: number): number;
  /** NVLink bytes from relay r to GPU h on r's node (data that entered r from other nodes). */
  relayBytes(r: number, h: number): number;
}

/** Dispatch: scale-out to relays, then NVLink fan-out from each relay once its inputs are in. */
export function hierDispatch(
  net: FlowNetwork,
  base: number,
  plan: HierPlan,
  label: string,
  onRecvDone: (i: number) => void,
): Exchange {
  const { G, per } = plan;
  const nodes = G / per;
  const nodeOf = (i: number): number => Math.floor(i / per);
  const relayOf = (s: number, n: number): number => n * per + (s % per);
  const recvIn = new Int32Array(G).fill(1); // +1: the GPU's own relay stage (its scale-out inputs)
  const relayIn = new Int32Array(G);
  forPairs(
    G,
    per,
    (s, h) => {
      if (plan.localBytes(s, h) > 0) recvIn[h]++;
    },
    (r, h) => {
      if (plan.relayBytes(r, h) > 0) recvIn[h]++;
    },
  );
  for (let s = 0; s < G; s++)
    for (let n = 0; n < nodes; n++) if (n !== nodeOf(s) && plan.nodeBytes(s, n) > 0) relayIn[relayOf(s, n)]++;
  const recv = Array.from({ length: G }, (_, h) => countdown(recvIn[h], () => onRecvDone(h)));
  const relayReady = Array.from({ length: G }, (_, r) =>
    countdown(relayIn[r], () => {
      for (let h = nodeOf(r) * per; h < (nodeOf(r) + 1) * per; h++) {
        const b = h === r ? 0 : plan.relayBytes(r, h);
        if (b > 0) net.send(base + r, base + h, b, `${label} nvlink-forward`, recv[h]);
      }
      recv[r]();
    }),
  );
  return {
    start(s) {
      for (let k = 1; k < nodes; k++) {
        const n = (nodeOf(s) + k) % nodes;
        const b = plan.nodeBytes(s, n);
        if (b > 0) net.send(base + s, base + relayOf(s, n), b, `${label} scale-out`, relayReady[relayOf(s, n)]);
      }
      for (let h = nodeOf(s) * per; h < (nodeOf(s) + 1) * per; h++) {
        const b = h === s ? 0 : plan.localBytes(s, h);
        if (b > 0) net.send(base + s, base + h, b, `${label} nvlink`, recv[h]);
      }
    },
  };
}

/** Combine: NVLink from experts to each source's relay (reduced there), then one scale-out copy back. */
export function hierCombine(
  net: FlowNetwork,
  base: number,
  plan: HierPlan,
  label: string,
  onRecvDone: (i: number) => void,
): Exchange {
  const { G, per } = plan;
  const nodes = G / per;
  const nodeOf = (i: number): number => Math.floor(i / per);
  const recvIn = new Int32Array(G);
  const relayIn = new Int32Array(G).fill(1); // +1: the relay's own expert outputs (ready at its start)
  forPairs(
    G,
    per,
    (h, s) => {
      if (plan.localBytes(s, h) > 0) recvIn[s]++;
    },
    (r, h) => {
      if (plan.relayBytes(r, h) > 0) relayIn[r]++;
    },
  );
  for (let s = 0; s < G; s++)
    for (let n = 0; n < nodes; n++) if (n !== nodeOf(s) && plan.nodeBytes(s, n) > 0) recvIn[s]++;
  const recv = Array.from({ length: G }, (_, s) => countdown(recvIn[s], () => onRecvDone(s)));
  const relayReady = Array.from({ length: G }, (_, r) =>
    countdown(relayIn[r], () => {
      for (let k = 1; k < nodes; k++) {
        const n = (nodeOf(r) + k) % nodes;
        const s = n * per + (r % per);
        const b = plan.nodeBytes(s, nodeOf(r));
        if (b > 0) net.send(base + r, base + s, b, `${label} scale-out`, recv[s]);
      }
    }),
  );
  return {
    start(h) {
      for (let r = nodeOf(h) * per; r < (nodeOf(h) + 1) * per; r++) {
        if (r === h) continue;
        const toRelay = plan.relayBytes(r, h);
        if (toRelay > 0) net.send(base + h, base + r, toRelay, `${label} nvlink-reduce`, relayReady[r]);
        const local = plan.localBytes(r, h);
        if (local > 0) net.send(base + h, base + r, local, `${label} nvlink`, recv[r]);
      }
      relayReady[h]();
    },
  };
}

/** Visits (s, h) same-node pairs for local traffic and (r, h) same-node pairs for relay traffic. */
function forPairs(
  G: number,
  per: number,
  local: (a: number, b: number) => void,
  relay: (r: number, h: number) => void,
): void {
  for (let a = 0; a < G; a++) {
    const n0 = Math.floor(a / per) * per;
    for (let b = n0; b < n0 + per; b++) {
      if (a === b) continue;
      local(a, b);
      relay(a, b);
    }
  }
}
