// The capacity planner's review: accelerators (within this review's supply), power for the run the
// plan asks for lookahead_years ahead, then cooling plant and retrofits. It decides quantities and
// sites only; lead times and landings belong to the simulation (src/model/run.ts). Pure given
// (world, pending orders, supply left, time).
import type { ModelShape } from '../moe/shape.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import type { Params } from '../params/params.ts';
import type { PurchaseLimit } from '../result/types.ts';
import type { World } from '../datacenter/world.ts';
import { coolingOrders } from './cooling-orders.ts';
import { gpuOrders, type SupplyLeft } from './gpu-orders.ts';
import type { Order } from './orders.ts';
import type { Pending } from './pending.ts';
import type { GridLimit, RegionGridBudget } from './grid-allowance.ts';
import { powerOrders } from './power-orders.ts';
import type { PlannerMemo } from './memo.ts';

export function review(
  p: Params,
  world: World,
  pending: Pending,
  left: SupplyLeft,
  t: number,
  makeProfile: (s: ModelShape) => WorkloadProfile,
  gridBudget?: RegionGridBudget,
  memo?: PlannerMemo,
): { orders: Order[]; purchase: PurchaseLimit | null; grid_limits: GridLimit[] } {
  if (memo) memo.first_look = null; // found again on this review's world if asked
  const gpus = gpuOrders(p, world, pending, left, t, makeProfile, memo);
  const power = powerOrders(p, world, pending, t, makeProfile, gridBudget, memo);
  const cooling = coolingOrders(p, world, pending, t, makeProfile, memo);
  // accelerators, power, cooling, pushed one by one: a spread or concat (generic builtins that check
  // for iterators and spreadable objects) cost about 1% of a quarterly run here
  const orders: Order[] = [];
  for (const o of gpus.orders) orders.push(o);
  for (const o of power.orders) orders.push(o);
  for (const o of cooling) orders.push(o);
  return { orders, purchase: gpus.purchase, grid_limits: power.grid_limits };
}
