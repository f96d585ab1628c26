// Where each parallel group sits on the cluster and what its collectives cost, from the
// alpha-beta closed forms of src/network/closed-form.ts. Ranks are ordered tp-cp-ep-dp-pp (TP
// innermost; Megatron-LM parallel_state's default order), so a group's consecutive members are
// `stride` ranks apart: TP stride 1, CP stride tp, DP/EP stride tp (over the CP x DP ranks),
// PP stride tp x cp x dp. Members that share a scale-up domain talk over NVLink, the rest over
// the NICs, one rail per GPU; a collective over both is hierarchical (the inner ring first, then
// one outer ring per inner position on 1/inner of the bytes, all rails at once).
// Invariant: every time is >= 0 and 0 for a group of one; more bytes never take less time.
import { doubleTreeAllReduceUs, ringAllReduceUs, ringHalfUs, type AlphaBeta } from '../../network/closed-form.ts';
import type { StepCluster } from './cluster.ts';

/** Achieved scale-up link per direction (catalog figures are bidirectional). */
export const scaleUpLink = (c: StepCluster): AlphaBeta => ({
  alpha_us: c.scale_up_latency_us,
  bandwidth_B_per_us: (c.scale_up_gb_per_s / 2) * 1e3 * c.scale_up_efficiency,
});

/** Achieved NIC link per direction (Gb/s -> bytes/us: x 125). */
export const scaleOutLink = (c: StepCluster): AlphaBeta => ({
  alpha_us: c.scale_out_latency_us,
  bandwidth_B_per_us: c.scale_out_gbit_per_s * 125 * c.scale_out_efficiency,
});

export interface GroupLayout {
  /** Members in one scale-up domain (a divisor of the group size). */
  inner: number;
  /** Domains the group spans. */
  outer: number;
}

/** How a group of `size` ranks, consecutive members `stride` apart, falls onto scale-up domains. */
export function groupLayout(c: StepCluster, size: number, stride: number): GroupLayout {
  const inner = innerOf(c, size, stride);
  return { inner, outer: size / inner };
}

/** groupLayout's inner count alone (the collectives below run per rank of every plan timed). */
function innerOf(c: StepCluster, size: number, stride: number): number {
  const fit = stride >= c.domain_gpus ? 1 : Math.floor(c.domain_gpus / stride);
  let inner = Math.min(size, Math.max(1, fit));
  while (size % inner !== 0) inner--;
  return inner;
}

/** The links of the cluster asked for last (a search asks for one cluster thousands of times). */
let linksOf: StepCluster | null = null;
let upLink: AlphaBeta = { alpha_us: 0, bandwidth_B_per_us: 0 },
  outLink: AlphaBeta = upLink;
function links(c: StepCluster): void {
  if (c === linksOf) return;
  upLink = scaleUpLink(c);
  outLink = scaleOutLink(c);
  linksOf = c;
}

/** A group of `size` ranks as its collectives see it: members per scale-up domain and the links
 * (found once per group where many collectives run over it: data parallelism, every rank of a plan). */
export interface Group {
  size: number;
  inner: number;
  up: AlphaBeta;
  out: AlphaBeta;
}

export const newGroup = (): Group => ({ size: 1, inner: 1, up: upLink, out: outLink });

/** The group of `size` ranks, consecutive members `stride` apart, into `g`. */
export function groupInto(c: StepCluster, size: number, stride: number, g: Group): Group {
  g.size = size;
  g.inner = innerOf(c, size, stride);
  links(c);
  g.up = upLink;
  g.out = outLink;
  return g;
}

/** reduceScatterUs over a group found by groupInto. */
export const groupReduceScatterUs = (g: Group, bytes: number): number =>
  ringHalfUs(g.inner, bytes, g.up) + ringHalfUs(g.size / g.inner, bytes / g.inner, g.out);

/** allReduceUs over a group found by groupInto. */
export function groupAllReduceUs(g: Group, bytes: number): number {
  const inner = g.inner,
    outerN = g.size / inner;
  if (outerN === 1) return ringAllReduceUs(inner, bytes, g.up);
  const out = g.out,
    perRail = bytes / inner;
  const outer = Math.min(ringAllReduceUs(outerN, perRail, out), doubleTreeAllReduceUs(outerN, perRail, out));
  return 2 * ringHalfUs(inner, bytes, g.up) + outer;
}

const SCRATCH = newGroup();

/** Reduce-scatter (or all-gather) of a `bytes` buffer (the full, unsharded size) over the group. */
export function reduceScatterUs(c: StepCluster, size: number, stride: number, bytes: number): number {
  return groupReduceScatterUs(groupInto(c, size, stride, SCRATCH), bytes);
}

/** All-gather of a buffer of `bytes` (the gathered size): the reduce-scatter's steps in reverse, same cost. */
export function allGatherUs(c: StepCluster, size: number, stride: number, bytes: number): number {
  return reduceScatterUs(c, size, stride, bytes);
}

/** All-reduce: hierarchical reduce-scatter + all-gather; a flat group takes NCCL's faster of ring and tree. */
export function allReduceUs(c: StepCluster, size: number, stride: number, bytes: number): number {
  return groupAllReduceUs(groupInto(c, size, stride, SCRATCH), bytes);
}

/** One point-to-point message between ranks `stride` apart (pipeline stages, ring-attention steps). */
export function p2pUs(c: StepCluster, stride: number, bytes: number): number {
  links(c);
  const link = stride >= c.domain_gpus ? outLink : upLink;
  return bytes > 0 ? link.alpha_us + bytes / link.bandwidth_B_per_us : 0;
}
