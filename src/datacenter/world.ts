// The mutable state of the simulated world between events: sites as built (power, cooling plant,
// technology), accelerator cohorts landed, the developer's supply delivered (all of it, bought or
// not: the compute and memory walls' resources), and the effects of scripted events. Only event
// handlers in src/model/ change it; the assessment reads it.
// Invariant: counts and MW are finite and >= 0; cohorts are alive while retire_at > t.
import type { CoolingTechnology } from '../scenario/types.gen.ts';
import { itWattsPerGpu, type Params, type Precision, type SiteSpec } from '../params/params.ts';
import type { PurchaseLimit } from '../result/types.ts';
import { mapPacked } from '../params/packed-map.ts';

export interface SiteState {
  spec: SiteSpec;
  grid_mw: number;
  onsite_mw: number;
  technology: CoolingTechnology;
  /** Heat-rejection plant in service (MW of IT heat). */
  cooling_capacity_mw: number;
  /** When the site came into service (the horizon start for the scenario's sites). */
  since: number;
}

export interface Cohort {
  site: number;
  accelerator: string;
  count: number;
  landed_at: number;
  retire_at: number;
}

/** Accelerators supply delivered (or HBM supply could equip), whether bought or not. */
export interface SupplyCohort {
  accelerator: string;
  count: number;
  /** When it is delivered (counts from then). */
  from: number;
  retire_at: number;
}

export interface World {
  sites: SiteState[];
  cohorts: Cohort[];
  supply_gpus: SupplyCohort[];
  hbm_supply_gpus: SupplyCohort[];
  gpu_supply_factor: number;
  hbm_supply_factor: number;
  extra_tokens: number;
  algorithmic_boost: number;
  /** Exposed-communication efficiency seen at the last assessment (the planner's estimate ahead). */
  last_network_efficiency: number;
  /** The step model's work MFU of the run's generation at the last assessment and its precision
   * (the planner's estimate ahead when the MFU is derived); null before the first. */
  last_work_mfu: { mfu: number; precision: Precision } | null;
  /** What capped each review's accelerator purchase, oldest first. */
  purchases: PurchaseLimit[];
  /** Campuses the planner acquired (or is acquiring), per region. */
  acquired_by_region: Record<string, number>;
  /** New grid MW ordered per `region|calendar year` (src/planner/grid-allowance.ts). */
  grid_ordered_mw: Map<string, number>;
}

export function initialWorld(p: Params): World {
  const t0 = p.horizon.start_year;
  const retire = t0 + p.compute.retirement_years;
  // packed in every tier (src/params/packed-map.ts): hot readers see one map for world.sites
  const sites = mapPacked(p.sites, (spec): SiteState => {
    // Absent a given plant, the site has the plant built with its installed accelerators.
    const installedHeatMw = spec.installed.reduce(
      (a, i) => a + (i.count * itWattsPerGpu(p.hardware_by_name.get(i.accelerator)!, p)) / 1e6,
      0,
    );
    return {
      spec,
      grid_mw: spec.grid_mw,
      onsite_mw: spec.onsite_generation_mw,
      technology: spec.cooling_technology,
      cooling_capacity_mw: spec.cooling_capacity_mw ?? installedHeatMw,
      since: t0,
    };
  });
  const cohorts = p.sites.flatMap((spec, site) =>
    spec.installed
      .filter((i) => i.count > 0)
      .map((i) => ({ site, accelerator: i.accelerator, count: i.count, landed_at: t0, retire_at: retire })),
  );
  const installed = mapPacked(cohorts, (c) => ({
    accelerator: c.accelerator,
    count: c.count,
    from: t0,
    retire_at: c.retire_at,
  }));
  return {
    sites,
    cohorts,
    supply_gpus: mapPacked(installed, (c) => ({ ...c })),
    hbm_supply_gpus: mapPacked(installed, (c) => ({ ...c })),
    gpu_supply_factor: 1,
    hbm_supply_factor: 1,
    extra_tokens: 0,
    algorithmic_boost: 1,
    last_network_efficiency: 1,
    last_work_mfu: null,
    purchases: [],
    acquired_by_region: {},
    grid_ordered_mw: new Map(),
  };
}

/** A cohort is in service at t until it retires. */
export function isAlive(c: { retire_at: number }, t: number): boolean {
  return c.retire_at > t + 1e-9;
}

export function availablePowerMw(s: SiteState): number {
  return s.grid_mw + s.onsite_mw;
}
