// What the planner can order: a typed union, one variant per buildout kind, each with the lead time
// it waits (planner.lead_times) and the unit it is counted in. Landing an order is
// src/model/landing.ts's; ordering is the planner's.
import type { CoolingTechnology } from '../scenario/types.gen.ts';
import type { SiteSpec } from '../params/params.ts';
import type { BuildoutKind } from '../result/types.ts';

export type Order =
  | { kind: 'gpu_delivery'; site: number; accelerator: string; count: number; service_from: number }
  | { kind: 'grid_connection'; site: number; mw: number }
  | { kind: 'onsite_generation'; site: number; mw: number }
  | { kind: 'cooling_expansion'; site: number; mw: number }
  | { kind: 'cooling_retrofit'; site: number; technology: CoolingTechnology }
  | { kind: 'site_acquisition'; spec: SiteSpec; mw: number };

export type LeadTimeKind =
  'gpu_delivery' | 'grid' | 'onsite_generation' | 'cooling_plant' | 'cooling_retrofit' | 'site_acquisition';

export const LEAD_TIME: Record<BuildoutKind, LeadTimeKind> = {
  gpu_delivery: 'gpu_delivery',
  grid_connection: 'grid',
  onsite_generation: 'onsite_generation',
  cooling_expansion: 'cooling_plant',
  cooling_retrofit: 'cooling_retrofit',
  site_acquisition: 'site_acquisition',
};

/** Each lead time's random stream, `planner.lead_time.<kind>`, written out: a name built per order
 * was a new string whose hash every stream lookup computed again. */
export const LEAD_TIME_STREAM: Record<LeadTimeKind, string> = {
  gpu_delivery: 'planner.lead_time.gpu_delivery',
  grid: 'planner.lead_time.grid',
  onsite_generation: 'planner.lead_time.onsite_generation',
  cooling_plant: 'planner.lead_time.cooling_plant',
  cooling_retrofit: 'planner.lead_time.cooling_retrofit',
  site_acquisition: 'planner.lead_time.site_acquisition',
};

/** The amount an order is counted in, and its unit (for the result's buildout list). */
export function orderAmount(o: Order): { amount: number; unit: 'MW' | 'GPUs' | 'retrofit'; item: string | null } {
  switch (o.kind) {
    case 'gpu_delivery':
      return { amount: o.count, unit: 'GPUs', item: o.accelerator };
    case 'cooling_retrofit':
      return { amount: 1, unit: 'retrofit', item: o.technology };
    case 'site_acquisition':
      return { amount: o.mw, unit: 'MW', item: o.spec.name };
    default:
      return { amount: o.mw, unit: 'MW', item: null };
  }
}
