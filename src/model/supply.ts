// A review's supply of accelerators and HBM: each review interval the developer's share arrives, the
// planner takes what it buys and the rest goes to other buyers (not banked); and the compute and
// memory walls' resources, all of it, bought or not.
import { availableAccelerator, type Params } from '../params/params.ts';
import type { World } from '../datacenter/world.ts';

/** The level of one review's supply. The arithmetic of the engine's Container (a put adds its
 * amount, a get takes it, each amount finite and > 0) without its events: within a review the
 * planner only ever takes what is there, so nothing ever waits, and the put and get events (most
 * of a run's events) had nobody waiting on them. */
export class SupplyLevel {
  level = 0;

  put(amount: number): void {
    checkAmount(amount);
    this.level += amount;
  }

  get(amount: number): void {
    checkAmount(amount);
    if (this.level < amount) throw new RangeError(`cannot take ${amount} of a supply level of ${this.level}`);
    this.level -= amount;
  }
}

function checkAmount(amount: number): void {
  if (!(amount > 0) || !Number.isFinite(amount)) throw new RangeError(`amount must be finite and > 0 (got ${amount})`);
}

/** The compute and memory walls' resources: this review's supply allocation. */
export function recordSupply(p: Params, world: World, t: number, gpus: number, hbmTb: number): void {
  const acc = availableAccelerator(p, t); // the newest on sale (no filtered copy per review)
  if (!acc) return;
  // Counted from the review that allocates it (an order may land before the median lead time, and
  // what the planner bought must never exceed what supply delivered), retired as bought accelerators
  // are: retirement_years after their planned delivery.
  const retire = t + p.planner.lead_times.gpu_delivery.median_years + p.compute.retirement_years;
  const from = t;
  if (gpus > 0) world.supply_gpus.push({ accelerator: acc.name, count: gpus, from, retire_at: retire });
  if (hbmTb > 0)
    world.hbm_supply_gpus.push({
      accelerator: acc.name,
      count: (hbmTb * 1e12) / acc.hbm_bytes,
      from,
      retire_at: retire,
    });
}
