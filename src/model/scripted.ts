// Scripted scenario events, applied at their times. Each kind is its own type (generated from the
// schema's event forms, which checked the payload when the scenario loaded), so the switch below
// needs no casts. Supply shocks last `duration_years` when given. Price spikes change no wall: they
// are logged here and priced by the cost model (src/cost/prices.ts).
import type { Event as ScenarioEvent } from '../scenario/types.gen.ts';
import type { World } from '../datacenter/world.ts';
import { addCooling, addGpus, addPower, fmt, retrofit } from './landing.ts';
import { chooseSite } from '../planner/gpu-orders.ts';
import { emptyPending } from '../planner/pending.ts';
import type { Params } from '../params/params.ts';

export interface Shock {
  resource: 'gpu' | 'hbm' | 'energy_price';
  factor: number;
  until: number;
}

export function siteIndex(p: Params, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const i = p.sites.findIndex((s) => s.name === name);
  return i >= 0 ? i : undefined;
}

/** Recomputes the world's supply and price factors from the shocks active at t. */
export function applyShocks(world: World, shocks: Shock[], t: number): void {
  const active = (r: Shock['resource']) =>
    shocks.filter((s) => s.resource === r && s.until > t + 1e-9).reduce((a, s) => a * s.factor, 1);
  world.gpu_supply_factor = active('gpu');
  world.hbm_supply_factor = active('hbm');
}

/** The site an event names, or null (only site events and GPU deliveries name one). */
export function eventSite(ev: ScenarioEvent): string | null {
  return 'site' in ev ? (ev.site ?? null) : null;
}

/** Applies one event; returns what it did, in words. The schema checked its payload on load. */
export function applyEvent(world: World, p: Params, ev: ScenarioEvent, shocks: Shock[], t: number): string {
  switch (ev.kind) {
    // Power and cooling plant are separate resources: a grid event adds power only; its plant comes
    // from a cooling_expansion event or the planner.
    case 'grid_connection':
      return addPower(world, siteOf(p, ev.site), ev.payload.mw, 'grid');
    case 'onsite_generation':
      return addPower(world, siteOf(p, ev.site), ev.payload.mw, 'onsite');
    case 'cooling_expansion':
      return addCooling(world, siteOf(p, ev.site), ev.payload.mw);
    case 'cooling_retrofit':
      return retrofit(world, siteOf(p, ev.site), ev.payload.technology);
    case 'gpu_delivery': {
      const { accelerator, count } = ev.payload;
      // accelerators a scripted delivery brings were supplied and carry their HBM: both walls count them
      for (const ledger of [world.supply_gpus, world.hbm_supply_gpus])
        ledger.push({ accelerator, count, from: t, retire_at: t + p.compute.retirement_years });
      const site =
        siteIndex(p, ev.site) ??
        chooseSite(p, world, emptyPending(world.sites.length), p.hardware_by_name.get(accelerator)!, t);
      return addGpus(world, p, accelerator, count, t, site);
    }
    case 'supply_shock':
      return startShock(world, shocks, ev.payload.resource, ev.payload.factor, ev.payload.duration_years, t);
    case 'price_spike':
      return startShock(world, shocks, 'energy_price', ev.payload.factor, ev.payload.duration_years, t);
    case 'data_release':
      world.extra_tokens += ev.payload.tokens;
      return `+${ev.payload.tokens.toExponential(2)} quality tokens`;
    case 'algorithmic_breakthrough':
      world.algorithmic_boost *= ev.payload.gain;
      return `algorithmic gain x${fmt(ev.payload.gain)}`;
  }
}

/** The index of a site the loader checked exists. */
function siteOf(p: Params, name: string): number {
  return siteIndex(p, name)!;
}

function startShock(
  world: World,
  shocks: Shock[],
  resource: Shock['resource'],
  factor: number,
  durationYears: number | undefined,
  t: number,
): string {
  const duration = durationYears ?? Infinity;
  shocks.push({ resource, factor, until: t + duration });
  applyShocks(world, shocks, t);
  const what = resource === 'energy_price' ? 'energy price' : `${resource} supply`;
  return `${what} x${factor}${Number.isFinite(duration) ? ` for ${duration} years` : ''}`;
}
