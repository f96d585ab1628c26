// Scripted scenario events, applied at their times. Payloads were checked when the scenario loaded
// (src/scenario/event-payloads.ts). Supply shocks last `duration_years` when given. Price spikes
// change no wall: they are logged here and priced by the cost model (src/cost/prices.ts).
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

/** Applies one event; returns what it did, in words. */
export function applyEvent(world: World, p: Params, ev: ScenarioEvent, shocks: Shock[], t: number): string {
  const pl = (ev.payload ?? {}) as Record<string, number | string>;
  const site = siteIndex(p, ev.site);
  switch (ev.kind) {
    // Power and cooling plant are separate resources: a grid event adds power only; its plant comes
    // from a cooling_expansion event or the planner.
    case 'grid_connection':
      return addPower(world, site!, Number(pl.mw), 'grid');
    case 'onsite_generation':
      return addPower(world, site!, Number(pl.mw), 'onsite');
    case 'cooling_expansion':
      return addCooling(world, site!, Number(pl.mw));
    case 'cooling_retrofit':
      return retrofit(world, site!, pl.technology as never);
    case 'gpu_delivery':
      // accelerators a scripted delivery brings were supplied and carry their HBM: both walls count them
      for (const ledger of [world.supply_gpus, world.hbm_supply_gpus])
        ledger.push({
          accelerator: String(pl.accelerator),
          count: Number(pl.count),
          from: t,
          retire_at: t + p.compute.retirement_years,
        });
      return addGpus(
        world,
        p,
        String(pl.accelerator),
        Number(pl.count),
        t,
        site ??
          chooseSite(p, world, emptyPending(world.sites.length), p.hardware_by_name.get(String(pl.accelerator))!, t),
      );
    case 'supply_shock':
    case 'price_spike': {
      const resource = ev.kind === 'price_spike' ? 'energy_price' : (pl.resource as 'gpu' | 'hbm');
      const duration = pl.duration_years === undefined ? Infinity : Number(pl.duration_years);
      shocks.push({ resource, factor: Number(pl.factor), until: t + duration });
      applyShocks(world, shocks, t);
      const what = resource === 'energy_price' ? 'energy price' : `${resource} supply`;
      return `${what} x${pl.factor}${Number.isFinite(duration) ? ` for ${duration} years` : ''}`;
    }
    case 'data_release':
      world.extra_tokens += Number(pl.tokens);
      return `+${Number(pl.tokens).toExponential(2)} quality tokens`;
    case 'algorithmic_breakthrough':
      world.algorithmic_boost *= Number(pl.gain);
      return `algorithmic gain x${fmt(Number(pl.gain))}`;
  }
}
