// Glue between a step and inference siting: normalizes the scenario's `inference:` section (its
// sourced defaults are in schemas/scenario.schema.json) and computes, per step, the real-time product's servable vs needed GPUs.
// Inference GPUs sit at each site in proportion to its running GPUs (the fleet-wide inference
// share at that step); the real-time product needs `realtime_share` of the inference fleet.
import { InputError } from '../io/errors.ts';
import { inferenceShareAt } from '../demand/demand.ts';
import type { Params } from '../params/params.ts';
import type { StepResult } from '../result/types.ts';
import type { ResolvedScenario } from '../scenario/resolved.gen.ts';
import { inferenceSiting, type LatencyPath, type UsersSpec } from '../walls/inference-siting.ts';
import type { InferenceStep } from '../result/cost-types.ts';

export interface InferenceParams {
  budget_ms: number;
  realtime_share: number;
  path: LatencyPath;
  users: UsersSpec[];
}

export function normalizeInference(g: ResolvedScenario['inference'], p: Params): InferenceParams {
  // plain loops, not map/flatMap/filter/Object.fromEntries with their closures: every run calls this
  const names: string[] = [];
  for (const s of p.sites) names.push(s.name);
  const listed = g.users ?? [{ name: 'users-at-first-site', distance_km: distancesBySite(p) }];
  const problems: string[] = [];
  for (const u of listed)
    for (const k of Object.keys(u.distance_km))
      if (!names.includes(k))
        problems.push(`inference.users ${u.name}: unknown site "${k}" (sites: ${names.join(', ')})`);
  if (problems.length > 0) throw new InputError(problems);
  const users: UsersSpec[] = [];
  for (const u of listed) {
    const distance_km: (number | null)[] = [];
    for (const n of names) distance_km.push(u.distance_km[n] ?? null);
    users.push({ name: u.name, demand_share: u.demand_share ?? 1 / listed.length, distance_km });
  }
  return {
    budget_ms: p.network.inference_latency_budget_ms,
    realtime_share: g.realtime_share,
    path: {
      fiber_us_per_km: p.network.fiber_us_per_km,
      route_factor: g.route_factor,
      hops: g.hops,
      hop_latency_us: g.hop_latency_us,
      server_time_ms: g.server_time_ms,
    },
    users,
  };
}

/** Each site's distance by name (a later site of the same name wins, as Object.fromEntries). */
function distancesBySite(p: Params): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of p.sites) out[s.name] = s.distance_km;
  return out;
}

export function stepInference(s: StepResult, p: Params, ip: InferenceParams): InferenceStep {
  const share = inferenceShareAt(p, s.year);
  // plain loop (every step of every run), the total summed in site order as a reduction would
  const sites: { name: string; inference_gpus: number }[] = [];
  let total = 0;
  for (const x of s.sites) {
    const inference_gpus = Math.max(0, x.gpus - x.stranded_gpus) * share;
    sites.push({ name: x.name, inference_gpus });
    total += inference_gpus;
  }
  return inferenceSiting(ip.budget_ms, ip.path, ip.users, sites, total * ip.realtime_share);
}
