// The speed of light in words: at the step where real-time inference is tightest, each user
// population's reach (the radius the latency budget allows over fibre), the sites within it, and
// the accelerators they hold against the population's need; where a population is short, how far
// its nearest site is and what budget would serve it. Inference siting is reported beside the walls
// and does not change the first wall. Invariant: pure; figures from the result's inference records.
import type { RunResult, StepResult } from '../../result/types.ts';
import { formatHeadroom, formatYear } from '../../result/format.ts';
import { roundTripMs } from '../../walls/inference-siting.ts';
import { budgetToServe, hasSitingDetail } from '../../charts/inference.ts';

const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The step where the real-time product is tightest (least inference headroom; the first on ties). */
export function tightestInferenceStep(r: RunResult): StepResult | null {
  let best: StepResult | null = null;
  for (const s of r.steps)
    if (s.inference && (!best || s.inference.headroom < best.inference!.headroom - 1e-12)) best = s;
  return best;
}

export function inferenceSentences(r: RunResult): string[] {
  const s = tightestInferenceStep(r);
  if (!s?.inference) return [];
  const i = s.inference;
  const radius = i.users[0]?.radius_km ?? 0;
  const head =
    `Real-time inference is tightest in ${formatYear(s.year)}: a ${i.latency_budget_ms} ms round trip` +
    (i.path ? ` over fibre at ${i.path.fiber_us_per_km} us/km` : '') +
    ` reaches sites within ${grouped(radius)} km; ${grouped(i.servable_gpus)} inference accelerators are in reach against ${grouped(i.needed_gpus)} needed (headroom ${formatHeadroom(i.headroom)}).`;
  const out = [head];
  for (const u of i.users) {
    const reach = u.sites_in_reach.length ? u.sites_in_reach.join(', ') : 'no site';
    let line = `${u.name}: ${reach} in reach, ${grouped(u.servable_gpus)} of ${grouped(u.needed_gpus)} needed (${formatHeadroom(u.headroom)}).`;
    if (u.headroom < 1 && hasSitingDetail(i) && u.distance_km) {
      const ds = Object.values(u.distance_km).filter((d): d is number => d !== null);
      const nearest = ds.length ? Math.min(...ds) : null;
      const budget = budgetToServe(i, u.name);
      if (nearest !== null && !u.sites_in_reach.length)
        line += ` The speed of light binds: its nearest site is ${grouped(nearest)} km away, a ${roundTripMs(nearest, i.path).toPrecision(3)} ms round trip.`;
      line += budget
        ? ` A budget of ${budget.toPrecision(3)} ms, or more accelerators within ${grouped(radius)} km, would serve it.`
        : ` No budget up to 300 ms serves it from these sites: it needs capacity closer to it.`;
    }
    out.push(line);
  }
  out.push('Inference siting is reported beside the walls; it does not change the first wall.');
  return out;
}
