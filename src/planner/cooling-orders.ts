// Cooling orders, per site. A retrofit when the racks of the generation newest by the time a retrofit
// would land are too dense for the site's technology. A heat-rejection plant expansion sized to the
// heat the site will carry at t + (plant lead time p90 + one review): its accelerators then (in
// service and on order) or, if more, its share (by power) of the fleet the plan needs then, never
// beyond the heat its power could ever feed. The plant is its own resource with its own lead time,
// not derived from the grid connection.
import type { ModelShape } from '../moe/shape.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import { itWattsPerGpu, newestAccelerator, rackKw, type Params } from '../params/params.ts';
import type { CoolingTechnology } from '../scenario/types.gen.ts';
import { fitsDensity, technologyFor } from '../walls/cooling.ts';
import { availablePowerMw, type World } from '../datacenter/world.ts';
import { inService, LiveCohorts } from './live-cohorts.ts';
import type { Order } from './orders.ts';
import { pendingPowerMw, type Pending } from './pending.ts';
import { ItWattsByName, zeros } from './cohort-rates.ts';
import { project } from './projection.ts';
import type { PlannerMemo } from './memo.ts';

export function coolingOrders(
  p: Params,
  world: World,
  pending: Pending,
  t: number,
  makeProfile: (s: ModelShape) => WorkloadProfile,
  memo?: PlannerMemo,
): Order[] {
  const out: Order[] = [];
  const newest = newestAccelerator(p, t + p.planner.lead_times.cooling_retrofit.median_years);
  const rack = rackKw(newest, p);
  const tc = t + p.planner.lead_times.cooling_plant.p90_years + p.planner.review_every_years;
  const proj = project(p, world, tc, makeProfile, memo);
  const demandItMw = ((proj.needed_flop_per_s / proj.sustained(proj.newest)) * itWattsPerGpu(proj.newest, p)) / 1e6;
  const power: number[] = [];
  let totalPower = 0; // (summed in site order, as a reduction from 0 would)
  for (let i = 0; i < world.sites.length; i++) {
    const mw = availablePowerMw(world.sites[i]) + pendingPowerMw(pending, i);
    power.push(mw);
    totalPower += mw;
  }
  // IT MW per site at tc: accelerators still in service then, and those on order
  const heatMw = zeros(world.sites.length);
  const itW = new ItWattsByName(p);
  // the cohorts in service at the earlier of t and tc (t, as the schema's lead times are > 0)
  const from = Math.min(t, tc);
  const cohorts = memo && from === t ? memo.live.at(world, t) : new LiveCohorts().at(world, from);
  for (let i = 0; i < cohorts.length; i++)
    if (inService(cohorts.retire_at[i], tc))
      heatMw[cohorts.site[i]] += (cohorts.count[i] * itW.of(cohorts.accelerator[i])) / 1e6;
  for (let i = 0; i < pending.gpus.length; i++) {
    const c = pending.gpus[i];
    heatMw[c.site] += (c.count * itW.of(c.accelerator)) / 1e6;
  }
  // the retrofit target for these racks, found at the first site that needs one (the same for all)
  let target: CoolingTechnology | null | undefined;
  for (let i = 0; i < world.sites.length; i++) {
    const s = world.sites[i];
    let tech: CoolingTechnology = pending.retrofit[i] ?? s.technology;
    if (!pending.retrofit[i] && !fitsDensity(rack, p.cooling.technologies[tech])) {
      if (target === undefined) {
        const fitsTarget = fitsDensity(rack, p.cooling.technologies[p.cooling.retrofit_to]);
        target = (
          fitsTarget ? p.cooling.retrofit_to : technologyFor(rack, p.cooling.technologies)
        ) as CoolingTechnology | null;
      }
      if (target && target !== tech) {
        out.push({ kind: 'cooling_retrofit', site: i, technology: target });
        tech = target;
      }
    }
    const heat = heatMw[i];
    const share = totalPower > 0 ? power[i] / totalPower : 0;
    const ceiling =
      (Math.max(s.spec.max_grid_mw, s.grid_mw) + Math.max(s.spec.max_onsite_generation_mw, s.onsite_mw)) /
      p.cooling.technologies[tech].pue;
    const plan = Math.min(ceiling, Math.max(heat, demandItMw * share));
    const gap = plan - s.cooling_capacity_mw - pending.cooling_mw[i];
    if (gap >= 1) out.push({ kind: 'cooling_expansion', site: i, mw: gap });
  }
  return out;
}
