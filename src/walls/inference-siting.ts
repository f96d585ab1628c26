// Inference siting: a real-time product with a round-trip latency budget can only be served from
// sites whose round trip fits it. Round trip = 2 x fiber distance x us/km (4.9, n = 1.468) x
// route factor + hops x hop latency + time in the datacenter. Sites beyond the radius contribute
// nothing to that product's capacity. This is the inference part of the network wall; it is
// reported beside the training network wall and does not change it.
// Invariants: radius >= 0; servable <= inference GPUs in service; every number finite.
import type { InferenceStep, InferenceUsersStep } from '../result/cost-types.ts';

export interface LatencyPath {
  fiber_us_per_km: number;
  route_factor: number;
  hops: number;
  hop_latency_us: number;
  server_time_ms: number;
}

export interface UsersSpec {
  name: string;
  demand_share: number;
  /** Fiber distance to each site, by site index; null: not connected (cannot serve). */
  distance_km: (number | null)[];
}

export interface SiteInference {
  name: string;
  /** GPUs serving inference at the site. */
  inference_gpus: number;
}

/** Headroom reported when the product asks for nothing (finite by the result's invariant). */
export const HEADROOM_CAP = 1e9;

export function roundTripMs(distanceKm: number, path: LatencyPath): number {
  return (
    (2 * distanceKm * path.fiber_us_per_km * path.route_factor + path.hops * path.hop_latency_us) / 1000 +
    path.server_time_ms
  );
}

/** Largest fiber distance whose round trip fits the budget (0 when hops alone exceed it). */
export function latencyRadiusKm(budgetMs: number, path: LatencyPath): number {
  const leftUs = (budgetMs - path.server_time_ms) * 1000 - path.hops * path.hop_latency_us;
  return Math.max(0, leftUs / (2 * path.fiber_us_per_km * path.route_factor));
}

function ratio(servable: number, needed: number): number {
  return needed > 0 ? Math.min(HEADROOM_CAP, servable / needed) : HEADROOM_CAP;
}

/**
 * Per population: inference GPUs at sites within its radius against its share of the real-time
 * demand. Each population is checked alone, and all of them together (sites shared by several
 * populations count once), so the headroom is the least of both.
 */
export function inferenceSiting(
  budgetMs: number,
  path: LatencyPath,
  users: UsersSpec[],
  sites: SiteInference[],
  neededGpus: number,
): InferenceStep {
  const radius = latencyRadiusKm(budgetMs, path);
  const reach = (u: UsersSpec, i: number) => {
    const d = u.distance_km[i];
    return d !== null && d !== undefined && d <= radius + 1e-9;
  };
  // Sums in site order, as reduce would. The result's arrays are built by map and filter, not from
  // a literal: V8 pretenured the literals' sites (a derived-MFU run's first steps search plans, so
  // every step's records outlived scavenges then), and an array left in old space when its run
  // ended kept the young records it held alive through scavenges until a full collection.
  let headroomAll = Infinity;
  const perUsers: InferenceUsersStep[] = users.map((u) => {
    const inReach = sites.filter((_, i) => reach(u, i)).map((x) => x.name);
    const distance: Record<string, number | null> = {};
    let servable = 0;
    for (let i = 0; i < sites.length; i++) {
      if (reach(u, i)) servable += sites[i].inference_gpus;
      distance[sites[i].name] = u.distance_km[i] ?? null;
    }
    const needed = neededGpus * u.demand_share;
    const headroom = ratio(servable, needed);
    headroomAll = Math.min(headroomAll, headroom);
    return new UsersStepRecord(u, radius, inReach, servable, needed, headroom, distance);
  });
  let servable = 0;
  for (let i = 0; i < sites.length; i++) if (users.some((u) => reach(u, i))) servable += sites[i].inference_gpus;
  const headroom = Math.min(ratio(servable, neededGpus), headroomAll);
  const siteRecords = sites.map((x) => new SiteInferenceRecord(x.name, x.inference_gpus));
  return new InferenceStepRecord(budgetMs, servable, neededGpus, headroom, perUsers, { ...path }, siteRecords);
}

// Every step of every run builds these: constructors, not object literals (a literal's allocation
// site that V8 pretenures builds each object on a slow path; src/datacenter/quantities.ts measured
// it). `declare` fields emit nothing; each constructor assigns them in the result's key order.
class UsersStepRecord {
  declare name: string;
  declare demand_share: number;
  declare radius_km: number;
  declare sites_in_reach: string[];
  declare servable_gpus: number;
  declare needed_gpus: number;
  declare headroom: number;
  declare distance_km: Record<string, number | null>;
  constructor(
    u: UsersSpec,
    radius: number,
    inReach: string[],
    servable: number,
    needed: number,
    headroom: number,
    distance: Record<string, number | null>,
  ) {
    this.name = u.name;
    this.demand_share = u.demand_share;
    this.radius_km = radius;
    this.sites_in_reach = inReach;
    this.servable_gpus = servable;
    this.needed_gpus = needed;
    this.headroom = headroom;
    this.distance_km = distance;
  }
}

class SiteInferenceRecord {
  declare name: string;
  declare inference_gpus: number;
  constructor(name: string, inferenceGpus: number) {
    this.name = name;
    this.inference_gpus = inferenceGpus;
  }
}

class InferenceStepRecord {
  declare latency_budget_ms: number;
  declare servable_gpus: number;
  declare needed_gpus: number;
  declare headroom: number;
  declare users: InferenceUsersStep[];
  declare path: LatencyPath;
  declare sites: SiteInference[];
  constructor(
    budgetMs: number,
    servable: number,
    needed: number,
    headroom: number,
    users: InferenceUsersStep[],
    path: LatencyPath,
    sites: SiteInference[],
  ) {
    this.latency_budget_ms = budgetMs;
    this.servable_gpus = servable;
    this.needed_gpus = needed;
    this.headroom = headroom;
    this.users = users;
    this.path = path;
    this.sites = sites;
  }
}
