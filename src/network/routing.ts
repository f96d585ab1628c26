// Routing samples for one MoE layer in one expert-parallel (EP) group: every token on every GPU
// picks top_k distinct experts with probabilities from a load histogram, optionally limited to
// `node_limit` nodes per token (DeepSeek-V3 node-limited routing, M = 4; arXiv:2412.19437 3.2.2),
// and the sample is reduced to the byte-relevant counts per GPU pair and per (GPU, node).
// Invariant: draws come only from the given named stream; counts are exact for the drawn tokens.
import type { Rng } from '../engine/rng.ts';
import { CandidateDraws } from './candidate-draws.ts';
import { normaliseLoads } from './expert-load.ts';

export interface RoutingInput {
  /** GPUs in the EP group (experts split over them in contiguous blocks; experts >= gpus). */
  gpus: number;
  gpus_per_node: number;
  experts: number;
  top_k: number;
  tokens_per_gpu: number;
  /** Relative load per expert (length = experts). */
  expert_load: readonly number[];
  /** Most nodes one token may be sent to (absent: no limit). */
  node_limit?: number;
  /**
   * Shared experts each token also sends to over the network (DeepSeek-V3 3.4.2 decode treats the
   * shared expert as a 9th routed one, hosted on other GPUs): one copy each to a GPU drawn uniformly.
   * Absent or 0: shared experts run where the token is (Day-6 deployment: 0 network bytes).
   */
  shared_routed?: number;
  /** Count per-pair (token, expert) copies (the flat form's bytes); false leaves `copies` zero (default true). */
  count_copies?: boolean;
}

export interface RoutingSample {
  gpus: number;
  nodes: number;
  gpus_per_node: number;
  /** [src*gpus + dst]: (token, expert) copies, no dedup (the flat all-to-all's byte count). */
  copies: Float64Array;
  /** [src*gpus + dst]: (token, distinct GPU) copies (what the NVLink fan-out of a node carries). */
  gpuCopies: Float64Array;
  /** [src*nodes + node]: (token, distinct node) copies (what crosses scale-out once per node). */
  nodeCopies: Float64Array;
  /** Copies received per routed expert. */
  expertLoad: Float64Array;
}

/** GPU (within the EP group) that hosts expert e: contiguous blocks, as even as the counts allow. */
export const expertGpu = (e: number, experts: number, gpus: number): number => Math.floor((e * gpus) / experts);

export function drawRouting(input: RoutingInput, rng: Rng): RoutingSample {
  const { gpus: G, gpus_per_node: per, experts: N, top_k: K, tokens_per_gpu: T } = input;
  checkRoutingInput(input);
  const nodes = G / per;
  const M = input.node_limit ?? nodes;
  const alias = aliasTable(normaliseLoads(input.expert_load));
  const out: RoutingSample = {
    gpus: G,
    nodes,
    gpus_per_node: per,
    copies: new Float64Array(G * G),
    gpuCopies: new Float64Array(G * G),
    nodeCopies: new Float64Array(G * nodes),
    expertLoad: new Float64Array(N),
  };
  const chosen = new Int32Array(K);
  const gpuSeen = new Int32Array(G).fill(-1),
    nodeSeen = new Int32Array(nodes).fill(-1);
  const picker = makePicker(alias, N, G, per);
  const gpuOf = Int32Array.from({ length: N }, (_, e) => expertGpu(e, N, G));
  const S = input.shared_routed ?? 0;
  const draws = new CandidateDraws(rng, alias.prob, alias.alias);
  if (M >= nodes && S === 0 && G * T * K < 2 ** 31) {
    const countCopies = input.count_copies ?? true;
    // int32 counts (cheaper to increment than doubles; G T K < 2^31), copied out below, not at
    // the loop's end: code after a long loop has no type feedback when V8 compiles the loop (OSR),
    // and reaching it would throw the compiled loop away
    const copies = new Int32Array(countCopies ? G * G : 0),
      gpuCopies = new Int32Array(G * G),
      nodeCopies = new Int32Array(G * nodes),
      expertLoad = new Int32Array(N);
    const { expertStamp, nodeOfExpert } = picker;
    drawUnlimited(copies, gpuCopies, nodeCopies, expertLoad, picker, expertStamp, nodeOfExpert, gpuOf, draws, G, K, T);
    out.copies.set(copies);
    out.gpuCopies.set(gpuCopies);
    out.nodeCopies.set(nodeCopies);
    out.expertLoad.set(expertLoad);
    return out;
  }
  const { copies, gpuCopies, nodeCopies, expertLoad } = out;
  const total = G * T * (K + S); // every pick takes at least one uniform
  let tokenId = 0;
  for (let src = 0; src < G; src++) {
    const row = src * G,
      nodeRow = src * nodes;
    for (let t = 0; t < T; t++, tokenId++) {
      const owed = total - tokenId * (K + S);
      pickExperts(picker, draws, owed, K, M, chosen);
      for (let k = 0; k < K + S; k++) {
        // k >= K: a shared expert's copy, on a GPU drawn uniformly from the group
        const g = k < K ? gpuOf[chosen[k]] : Math.min(G - 1, Math.floor(draws.u[draws.take(owed - k)] * G)),
          n = (g / per) | 0;
        if (k < K) expertLoad[chosen[k]]++;
        copies[row + g]++;
        if (gpuSeen[g] !== tokenId) {
          gpuSeen[g] = tokenId;
          gpuCopies[row + g]++;
        }
        if (nodeSeen[n] !== tokenId) {
          nodeSeen[n] = tokenId;
          nodeCopies[nodeRow + n]++;
        }
      }
    }
  }
  return out;
}

/**
 * The common case (no node limit, no shared copies) in one tight loop: the same draws in the same
 * order as pickExperts (its node bookkeeping cannot refuse a pick without a limit), branch-free
 * "first time this token" increments, and a rejected candidate (a repeat expert, ~1% of picks for
 * uniform loads) redrawn out of line. The arrays come in as arguments, not read off objects: V8's
 * compiled loop then depends on no object's field types (whose changes between calls discarded it).
 */
function drawUnlimited(
  copies: Int32Array,
  gpuCopies: Int32Array,
  nodeCopies: Int32Array,
  expertLoad: Int32Array,
  p: Picker,
  stamp: Int32Array,
  nodeOf: Int32Array,
  gpuOf: Int32Array,
  draws: CandidateDraws,
  G: number,
  K: number,
  T: number,
): void {
  const countCopies = copies.length > 0,
    nodes = nodeCopies.length / G;
  const gpuSeen = new Int32Array(G).fill(-1),
    nodeSeen = new Int32Array(nodes).fill(-1);
  const cand = draws.expert;
  const total = G * T * K; // every pick takes at least one uniform
  let pos = draws.pos,
    len = draws.len;
  // one loop over tokens (row from the token): the end of a source GPU's row is first reached
  // after V8 has compiled the loop, and an increment met there for the first time would discard it
  for (let tok = 0; tok < G * T; tok++) {
    const src = (tok / T) | 0,
      row = src * G,
      nodeRow = src * nodes;
    for (let k = 0; k < K; k++) {
      if (pos === len) {
        draws.refill(total - tok * K - k);
        pos = 0;
        len = draws.len;
      }
      let e = cand[pos++];
      if (stamp[e] === tok) {
        draws.pos = pos;
        e = redraw(p, draws, tok, total - tok * K - k);
        pos = draws.pos;
        len = draws.len;
      }
      stamp[e] = tok;
      expertLoad[e]++;
      const g = gpuOf[e],
        n = nodeOf[e];
      if (countCopies) copies[row + g]++;
      gpuCopies[row + g] += gpuSeen[g] !== tok ? 1 : 0;
      gpuSeen[g] = tok;
      nodeCopies[nodeRow + n] += nodeSeen[n] !== tok ? 1 : 0;
      nodeSeen[n] = tok;
    }
  }
}

/** Tries 2..MAX_REDRAWS of a pick whose first candidate repeats an expert of the token. */
function redraw(p: Picker, draws: CandidateDraws, tok: number, owed: number): number {
  for (let tries = 1; tries < MAX_REDRAWS; tries++) {
    const c = draws.expert[draws.take(owed)];
    if (p.expertStamp[c] !== tok) return c;
  }
  return heaviestAllowed(p, tok, false);
}

export function checkRoutingInput(i: RoutingInput): void {
  const ints: [string, number][] = [
    ['gpus', i.gpus],
    ['gpus_per_node', i.gpus_per_node],
    ['experts', i.experts],
    ['top_k', i.top_k],
    ['tokens_per_gpu', i.tokens_per_gpu],
  ];
  for (const [k, v] of ints)
    if (!Number.isSafeInteger(v) || v < (k === 'tokens_per_gpu' ? 0 : 1))
      throw new RangeError(`${k} must be a positive integer (got ${v})`);
  if (i.gpus % i.gpus_per_node !== 0)
    throw new RangeError(`EP group of ${i.gpus} GPUs is not whole nodes of ${i.gpus_per_node}`);
  if (i.experts < i.gpus) throw new RangeError(`${i.experts} experts cannot cover an EP group of ${i.gpus} GPUs`);
  if (i.top_k > i.experts) throw new RangeError(`top_k (${i.top_k}) exceeds experts (${i.experts})`);
  if (i.expert_load.length !== i.experts)
    throw new RangeError(`expert_load has ${i.expert_load.length} entries, expected ${i.experts}`);
  const positive = i.expert_load.filter((x) => x > 0).length;
  if (positive < i.top_k) throw new RangeError(`only ${positive} experts have load > 0, fewer than top_k (${i.top_k})`);
  if (i.node_limit !== undefined && !(Number.isSafeInteger(i.node_limit) && i.node_limit >= 1))
    throw new RangeError(`node_limit must be an integer >= 1 (got ${i.node_limit})`);
  if (i.shared_routed !== undefined && !(Number.isSafeInteger(i.shared_routed) && i.shared_routed >= 0))
    throw new RangeError(`shared_routed must be an integer >= 0 (got ${i.shared_routed})`);
}

export interface Alias {
  prob: Float64Array;
  alias: Int32Array;
  weight: Float64Array;
}

/** Walker's alias method (Vose 1991): O(1) weighted draws from one uniform. */
export function aliasTable(w: Float64Array): Alias {
  const n = w.length;
  const prob = new Float64Array(n),
    alias = new Int32Array(n);
  const scaled = Float64Array.from(w, (x) => x * n);
  const small: number[] = [],
    large: number[] = [];
  scaled.forEach((x, i) => (x < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!,
      l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) prob[i] = 1;
  return { prob, alias, weight: w };
}

/** Upper bound on redraws before the deterministic fallback (only hit by extreme histograms). */
const MAX_REDRAWS = 256;

/** Per-token scratch: stamps mark the experts and nodes the current token already uses. */
interface Picker {
  alias: Alias;
  nodeOfExpert: Int32Array;
  expertStamp: Int32Array;
  nodeStamp: Int32Array;
  usedNodes: Int32Array;
  token: number;
}

function makePicker(alias: Alias, N: number, G: number, per: number): Picker {
  const nodeOfExpert = Int32Array.from({ length: N }, (_, e) => Math.floor(expertGpu(e, N, G) / per));
  return {
    alias,
    nodeOfExpert,
    expertStamp: new Int32Array(N).fill(-1),
    nodeStamp: new Int32Array(G / per).fill(-1),
    usedNodes: new Int32Array(G / per),
    token: 0,
  };
}

/** Fills `chosen` with K distinct experts, on at most M distinct nodes; `owed`: the draws' lower bound. */
function pickExperts(p: Picker, draws: CandidateDraws, owed: number, K: number, M: number, chosen: Int32Array): void {
  const { nodeOfExpert, expertStamp, nodeStamp } = p;
  const tok = p.token++;
  let nodesUsed = 0;
  for (let k = 0; k < K; k++) {
    let e = -1;
    for (let tries = 0; tries < MAX_REDRAWS && e < 0; tries++) {
      const c = draws.expert[draws.take(owed - k)];
      if (expertStamp[c] === tok) continue;
      if (nodesUsed >= M && nodeStamp[nodeOfExpert[c]] !== tok) continue;
      e = c;
    }
    if (e < 0) e = heaviestAllowed(p, tok, nodesUsed >= M);
    chosen[k] = e;
    expertStamp[e] = tok;
    const n = nodeOfExpert[e];
    if (nodeStamp[n] !== tok) {
      nodeStamp[n] = tok;
      nodesUsed++;
    }
  }
}

function heaviestAllowed(p: Picker, tok: number, nodeLimited: boolean): number {
  const w = p.alias.weight;
  let best = -1;
  for (let e = 0; e < w.length; e++) {
    if (p.expertStamp[e] === tok || (nodeLimited && p.nodeStamp[p.nodeOfExpert[e]] !== tok)) continue;
    if (best < 0 || w[e] > w[best]) best = e;
  }
  if (best < 0) throw new RangeError('node_limit leaves fewer than top_k experts for a token');
  return best;
}
