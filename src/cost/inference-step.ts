// Glue between a step and inference siting: normalizes the scenario's `inference:` section (with
// sourced defaults) and computes, per step, the real-time product's servable vs needed GPUs.
// Inference GPUs sit at each site in proportion to its running GPUs (the fleet-wide inference
// share at that step); the real-time product needs `realtime_share` of the inference fleet.
import { InputError } from '../io/errors.ts';
import { demandAt } from '../demand/demand.ts';
import type { Params } from '../params/params.ts';
import type { StepResult } from '../result/types.ts';
import type { FirstwallScenario } from '../scenario/types.gen.ts';
import { inferenceSiting, type LatencyPath, type UsersSpec } from '../walls/inference-siting.ts';
import type { InferenceStep } from '../result/cost-types.ts';

export const INFERENCE_DEFAULTS = {
  // Assumption: no published split; chat, voice and agents taken as half of inference demand.
  realtime_share: 0.5,
  // Site distances in scenarios are fiber route lengths (schema: site.distance_km), so 1.
  route_factor: 1,
  // Assumption: ~10 router/switch traversals each way between a metro and a campus.
  hops: 20,
  // Ethernet per-message latency ~10-50 us (ttsugriy, distributed-training-book, alpha-beta; Q): upper end.
  hop_latency_us: 50,
  // Assumption: the whole budget is network round trip unless the scenario reserves server time.
  server_time_ms: 0,
} as const;

export interface InferenceParams {
  budget_ms: number;
  realtime_share: number;
  path: LatencyPath;
  users: UsersSpec[];
}

export function normalizeInference(given: FirstwallScenario['inference'], p: Params): InferenceParams {
  const g = given ?? {};
  const d = INFERENCE_DEFAULTS;
  const names = p.sites.map((s) => s.name);
  const listed = g.users ?? [
    { name: 'users-at-first-site', distance_km: Object.fromEntries(p.sites.map((s) => [s.name, s.distance_km])) },
  ];
  const problems = listed.flatMap((u) =>
    Object.keys(u.distance_km)
      .filter((k) => !names.includes(k))
      .map((k) => `inference.users ${u.name}: unknown site "${k}" (sites: ${names.join(', ')})`),
  );
  if (problems.length > 0) throw new InputError(problems);
  const users: UsersSpec[] = listed.map((u) => ({
    name: u.name,
    demand_share: u.demand_share ?? 1 / listed.length,
    distance_km: names.map((n) => u.distance_km[n] ?? null),
  }));
  return {
    budget_ms: p.network.inference_latency_budget_ms,
    realtime_share: g.realtime_share ?? d.realtime_share,
    path: {
      fiber_us_per_km: p.network.fiber_us_per_km,
      route_factor: g.route_factor ?? d.route_factor,
      hops: g.hops ?? d.hops,
      hop_latency_us: g.hop_latency_us ?? d.hop_latency_us,
      server_time_ms: g.server_time_ms ?? d.server_time_ms,
    },
    users,
  };
}

export function stepInference(s: StepResult, p: Params, ip: InferenceParams): InferenceStep {
  const share = demandAt(p, s.year).inference_share;
  const sites = s.sites.map((x) => ({ name: x.name, inference_gpus: Math.max(0, x.gpus - x.stranded_gpus) * share }));
  const total = sites.reduce((a, x) => a + x.inference_gpus, 0);
  return inferenceSiting(ip.budget_ms, ip.path, ip.users, sites, total * ip.realtime_share);
}
