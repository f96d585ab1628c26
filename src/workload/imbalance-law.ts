// The imbalance law: how a router's load skew reaches the unit a cost depends on, at the frontier
// shape. The busiest GPU sets the pace of a layer's expert compute and its NVLink traffic; the
// busiest node sets the pace of its NICs (DeepEP sends a token across the network once per node).
// Per-expert load has two parts (their variances add, the law of total variance):
// - chance's floor: B tokens each choose K of N experts uniformly, so an expert's count is
//   Binomial(B, K/N): CV² = (1 − K/N) / (B·K/N) (shared/reference/moe.md 1.2's uniform router);
// - a learned skew: the trained router prefers some experts (CV_learned of per-expert shares).
// A unit (GPU or node) holding E of the N experts (contiguous placement, uncorrelated with the
// router's preferences) sums E experts' loads: per token, its copies are hypergeometric(N, E, K),
//   chance CV²  = (1 − E/N)·(N − K) / ((N − 1)·B·K·E/N)
//   learned CV² = CV_learned²·(N − E) / ((N − 1)·E)   (sampling E of N without replacement)
// so per-expert skew averages down over the experts a GPU holds. The max over U units of a load
// with that CV is taken as 1 + CV·z(U), z(U) the expected maximum of U standard normals (Blom
// 1958: Φ⁻¹((U − 0.375)/(U + 0.25))), never above U (all load on one unit).
// Capacity (C = CF·B·K/N per expert): copies over it are the normal tail E[(X − CF)⁺] of the
// per-expert load X ~ N(1, CV²); they are rerouted (as far as experts have room under capacity;
// below CF 1 the rest is dropped) or dropped, and no unit then carries more than CF x its mean. Invariant: every output is finite, imbalances in [1, units], fractions in [0, 1].
import { inverseNormal, normalCdf } from '../distributions/normal.ts';
import type { StepRouting } from '../result/types.ts';

/** Expected maximum of n iid standard normals (Blom 1958 plotting position; 0 for n <= 1). */
export function expectedMaxNormal(n: number): number {
  if (!(n > 1)) return 0;
  return inverseNormal((n - 0.375) / (n + 0.25));
}

/** Chance's floor per expert: CV of per-expert load when B tokens choose K of N experts uniformly. */
export function chanceCv(experts: number, topK: number, tokens: number): number {
  const p = topK / experts;
  return tokens > 0 && p > 0 && p < 1 ? Math.sqrt((1 - p) / (tokens * p)) : 0;
}

export interface UnitCv {
  chance: number;
  learned: number;
  total: number;
}

/** CV of the load of one unit holding `perUnit` of N experts (see the file comment). */
export function unitCv(experts: number, topK: number, tokens: number, perUnit: number, learnedCv: number): UnitCv {
  const N = experts,
    E = Math.min(perUnit, N);
  if (E >= N || N <= 1) return { chance: 0, learned: 0, total: 0 };
  const chance2 = tokens > 0 ? ((1 - E / N) * (N - Math.min(topK, N))) / ((N - 1) * tokens * topK * (E / N)) : 0;
  const learned2 = (learnedCv * learnedCv * (N - E)) / ((N - 1) * E);
  return { chance: Math.sqrt(chance2), learned: Math.sqrt(learned2), total: Math.sqrt(chance2 + learned2) };
}

/** max/mean over `units` units whose load has coefficient of variation `cv`. */
export function maxOverMean(units: number, cv: number): number {
  if (units <= 1) return 1;
  return Math.min(units, 1 + cv * expectedMaxNormal(units));
}

/** Fraction of copies over a capacity factor `cf` when per-expert load is N(1, cv²): E[(X − cf)⁺]. */
export function overflowFraction(cv: number, cf: number): number {
  if (!(cf > 0) || !(cv > 0)) return 0;
  const a = (cf - 1) / cv;
  const phi = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
  return Math.min(1, Math.max(0, cv * phi - (cf - 1) * (1 - normalCdf(a))));
}

/** Of the copies over capacity (`overflow`), those a backup expert can take: the room left under
 * capacity, E[(cf − X)⁺] = E[(X − cf)⁺] − (1 − cf) (the two tails differ by the mean, E[X − cf]).
 * At cf >= 1 that room holds every overflowing copy; below 1 the experts together hold only cf of
 * the copies, so at least 1 − cf of them find no room anywhere and are dropped even when rerouted. */
export function reroutableFraction(overflow: number, cf: number): number {
  if (!(cf > 0)) return 0;
  return Math.max(0, Math.min(overflow, overflow - (1 - cf)));
}

/** Per-expert learned CV from a MaxVio (max/mean − 1 of per-expert load) over N experts. */
export function learnedCvFromMaxVio(maxVio: number, experts: number): number {
  const z = expectedMaxNormal(experts);
  return z > 0 ? maxVio / z : 0;
}

export interface LawInput {
  experts: number;
  top_k: number;
  /** Tokens each EP rank routes per MoE layer step (its micro-batch). */
  tokens_per_rank: number;
  /** GPUs the experts are spread over. */
  ep_devices: number;
  /** GPUs per scale-up domain (node); the NIC unit is the node. */
  gpus_per_node: number;
  learned_cv: number;
  /** 0 = dropless. */
  capacity_factor: number;
  overflow: 'reroute' | 'drop';
}

/** The law's reading for one layer step: the result's stepRouting (schemas/result.schema.json)
 * without the step-time shares, which the step time adds (src/datacenter/quantities.ts). */
export type RoutingImbalance = Omit<StepRouting, 'straggler_fraction' | 'dropped_fraction'>;

/** EP ranks holding experts: the scenario's degree in whole scale-up domains, at most one per expert. */
export function epDevices(requested: number, domain: number, experts: number): number {
  const d = Math.max(1, Math.round(domain));
  const whole = Math.max(d, Math.ceil(Math.max(1, requested) / d) * d);
  return Math.max(1, Math.min(whole, experts));
}

export function routingImbalance(x: LawInput): RoutingImbalance {
  const N = x.experts,
    K = x.top_k;
  const G = epDevices(x.ep_devices, x.gpus_per_node, N);
  const nodes = Math.max(1, Math.ceil(G / Math.max(1, Math.round(x.gpus_per_node))));
  const B = x.tokens_per_rank * G;
  const dev = unitCv(N, K, B, N / G, x.learned_cv);
  const node = unitCv(N, K, B, N / nodes, x.learned_cv);
  const expertCv = Math.hypot(chanceCv(N, K, B), x.learned_cv);
  const overflow = overflowFraction(expertCv, x.capacity_factor);
  const rerouted = x.overflow === 'reroute' ? reroutableFraction(overflow, x.capacity_factor) : 0;
  const cap = (imb: number) => (x.capacity_factor > 0 ? Math.min(imb, Math.max(1, x.capacity_factor)) : imb);
  return {
    tokens_per_rank: x.tokens_per_rank,
    routing_tokens: B,
    ep_devices: G,
    nodes,
    chance_cv_expert: chanceCv(N, K, B),
    learned_cv_expert: x.learned_cv,
    cv_device: dev.total,
    cv_node: node.total,
    imbalance_device: cap(maxOverMean(G, dev.total)),
    imbalance_nic: cap(maxOverMean(nodes, node.total)),
    overflow_fraction: overflow,
    reroute_fraction: rerouted,
    drop_fraction: overflow - rerouted,
  };
}
