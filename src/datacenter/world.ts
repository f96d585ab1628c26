// The mutable state of the simulated world between events: sites as built, GPU cohorts landed,
// GPUs held back by HBM supply, and the effects of scripted events. Only the event handlers in
// src/model/ change it; the assessment reads it. Invariant: counts and MW are finite and >= 0.
import type { CoolingTechnology } from '../scenario/types.gen.ts';
import type { Params, SiteSpec } from '../params/params.ts';

export interface SiteState {
  spec: SiteSpec;
  grid_mw: number;
  onsite_mw: number;
  technology: CoolingTechnology;
  cooling_capacity_mw: number;
}

export interface Cohort {
  site: number;
  accelerator: string;
  count: number;
  landed_at: number;
  retire_at: number;
}

export interface World {
  sites: SiteState[];
  cohorts: Cohort[];
  /** GPUs logic supply delivered but HBM supply could not equip (counted by the compute wall only). */
  hbm_held: Cohort[];
  /** GPUs supply could deliver but no reachable power could feed, so the planner did not buy them
   * (counted by the compute and memory walls, which ask what supply alone permits). */
  power_held: Cohort[];
  gpu_supply_factor: number;
  hbm_supply_factor: number;
  extra_tokens: number;
  algorithmic_boost: number;
  /** Network efficiency seen at the last assessment (the planner's estimate for the future). */
  last_network_efficiency: number;
}

export function initialWorld(p: Params): World {
  const t0 = p.horizon.start_year;
  const sites = p.sites.map((spec): SiteState => {
    const pue = p.cooling.technologies[spec.cooling_technology].pue;
    return {
      spec,
      grid_mw: spec.grid_mw,
      onsite_mw: spec.onsite_generation_mw,
      technology: spec.cooling_technology,
      cooling_capacity_mw: spec.cooling_capacity_mw ?? (spec.grid_mw + spec.onsite_generation_mw) / pue,
    };
  });
  const cohorts = p.sites.flatMap((spec, site) =>
    spec.installed
      .filter((i) => i.count > 0)
      .map((i) => ({
        site,
        accelerator: i.accelerator,
        count: i.count,
        landed_at: t0,
        retire_at: t0 + p.compute.retirement_years,
      })),
  );
  return {
    sites,
    cohorts,
    hbm_held: [],
    power_held: [],
    gpu_supply_factor: 1,
    hbm_supply_factor: 1,
    extra_tokens: 0,
    algorithmic_boost: 1,
    last_network_efficiency: 1,
  };
}

export function aliveAt(cohorts: Cohort[], t: number): Cohort[] {
  return cohorts.filter((c) => c.retire_at > t + 1e-9);
}

export function availablePowerMw(s: SiteState): number {
  return s.grid_mw + s.onsite_mw;
}
