// The capacity planner. Every review it projects the frontier run `lookahead_years` ahead and
// orders what the fleet would lack then: GPUs of the newest generation (capped at each review by
// the developer's GPU and HBM supply over one review interval), on-site generation then grid connections for the power
// those GPUs need, cooling plant to match the power, and a cooling retrofit at any site whose
// technology cannot take the newest racks. It decides quantities only; lead times and landings
// belong to the simulation (src/model/run.ts). Pure given (world, pending orders, time).
import { fitsDensity, technologyFor } from '../walls/cooling.ts';
import { rooflineFraction } from '../walls/memory.ts';
import { computeOptimalParams, shapeForActiveParams } from '../workload/shape.ts';
import type { WorkloadProfile } from '../workload/profile.ts';
import type { ModelShape } from '../moe/shape.ts';
import { demandAt } from '../demand/demand.ts';
import {
  availableAccelerator,
  itWattsPerGpu,
  newestAccelerator,
  rackKw,
  type AcceleratorSpec,
  type Params,
} from '../params/params.ts';
import type { BuildoutKind } from '../result/types.ts';
import { aliveAt, availablePowerMw, type World } from '../datacenter/world.ts';
import type { CoolingTechnology } from '../scenario/types.gen.ts';

export interface OrderRequest {
  /** A buildout, or GPUs supply permitted but HBM or power did not (virtual: walls only). */
  kind: BuildoutKind | 'hbm_held' | 'power_held';
  site: number | null;
  amount: number;
  item: string | null;
}

/** What is on order and not yet landed. */
export interface Pending {
  gpus: { accelerator: string; count: number }[];
  /** Held-back GPUs on their way to the walls' supply-alone fleets. */
  held: { accelerator: string; count: number }[];
  power_mw: number[]; // per site: grid + on-site on order
  onsite_mw: number[];
  grid_mw: number[];
  cooling_mw: number[];
  retrofit: (CoolingTechnology | null)[];
}

/** What each review has ordered, keyed by review time (its supply allowance is per review). */
export interface SupplyLedger {
  gpus_by_review: Map<number, number>;
  hbm_tb_by_review: Map<number, number>;
}

export function emptyPending(sites: number): Pending {
  const z = () => Array.from({ length: sites }, () => 0);
  return {
    gpus: [],
    held: [],
    power_mw: z(),
    onsite_mw: z(),
    grid_mw: z(),
    cooling_mw: z(),
    retrofit: Array.from({ length: sites }, () => null),
  };
}

/**
 * Supply a review may buy: the yearly rate at t (grown, times any supply shock) for one review
 * interval. Supply not bought by a review is not banked: other buyers take it.
 */
function supplyLeft(p: Params, world: World, ledger: SupplyLedger, t: number) {
  const y = t - p.horizon.start_year;
  const share = p.planner.review_every_years;
  const gpus =
    p.compute.gpu_supply_per_year *
      Math.pow(p.compute.gpu_supply_growth_per_year, y) *
      world.gpu_supply_factor *
      share -
    (ledger.gpus_by_review.get(t) ?? 0);
  const hbm =
    p.memory.hbm_supply_tb_per_year *
      Math.pow(p.memory.hbm_supply_growth_per_year, y) *
      world.hbm_supply_factor *
      share -
    (ledger.hbm_tb_by_review.get(t) ?? 0);
  return { gpus: Math.max(0, gpus), hbm_tb: Math.max(0, hbm) };
}

/** The PUE GPUs of this generation will run at: the first site's technology if it fits, else the retrofit target. */
function plannedPue(p: Params, world: World, acc: AcceleratorSpec): number {
  const tech = world.sites[0].technology;
  const fits = fitsDensity(rackKw(acc, p), p.cooling.technologies[tech]);
  return p.cooling.technologies[fits ? tech : p.cooling.retrofit_to].pue;
}

/** Facility MW the sites could ever reach: grid and on-site generation at their maxima. */
function reachableMw(world: World): number {
  return world.sites.reduce(
    (a, s) => a + Math.max(s.spec.max_grid_mw, s.grid_mw) + Math.max(s.spec.max_onsite_generation_mw, s.onsite_mw),
    0,
  );
}

/**
 * GPU orders. Two projections of the fleet at t + lookahead: the physical one (landed + on order)
 * sets what to buy; the supply-alone one (plus GPUs held back earlier) sets what supply would have
 * delivered. Bought = shortfall within GPU supply, HBM supply and the power the sites can ever
 * reach; the rest of what GPU supply permits is recorded as held back (by HBM, or by power), which
 * the compute (and, for power, memory) walls count and the physical fleet does not.
 */
function gpuOrders(
  p: Params,
  world: World,
  pending: Pending,
  ledger: SupplyLedger,
  t: number,
  makeProfile: (s: ModelShape) => WorkloadProfile,
): OrderRequest[] {
  const g = availableAccelerator(p, t);
  if (!g) return [];
  const tl = t + p.planner.lookahead_years;
  const d = demandAt(p, tl, world.algorithmic_boost);
  const profile = makeProfile(
    shapeForActiveParams(p.model, computeOptimalParams(d.target_flop, p.data.tokens_per_param)),
  );
  const ai = profile.at(p.model.micro_batch_tokens_per_gpu, {
    ep_devices: Math.max(1, profile.shape.routed_experts),
    gpus_per_node: 8,
    max_nodes_per_token: Infinity,
  }).arithmetic_intensity;
  const hw = p.hardware_by_name;
  const eta = world.last_network_efficiency;
  const flopPerGpu = (a: AcceleratorSpec) =>
    a.peak_flop_per_s * p.compute.mfu * rooflineFraction(ai, a.peak_flop_per_s, a.hbm_bytes_per_s) * eta;
  const flopOf = (cs: { accelerator: string; count: number }[]) =>
    cs.reduce((a, c) => a + c.count * flopPerGpu(hw.get(c.accelerator)!), 0);
  const physical = [...aliveAt(world.cohorts, tl), ...pending.gpus];
  const held = [...aliveAt(world.hbm_held, tl), ...aliveAt(world.power_held, tl), ...pending.held];
  const needed = d.target_flop / (d.training_seconds * d.run_share);
  const shortfall = Math.max(0, (needed - flopOf(physical)) / flopPerGpu(g));
  const supplyShortfall = Math.max(0, (needed - flopOf(physical) - flopOf(held)) / flopPerGpu(g));
  const left = supplyLeft(p, world, ledger, t);
  const hbmCap = (left.hbm_tb * 1e12) / g.hbm_bytes;
  const mwPerGpu = (a: AcceleratorSpec) => (itWattsPerGpu(a, p) * plannedPue(p, world, a)) / 1e6;
  // power already spoken for: every GPU in service now (some retire before the new ones land, but
  // not necessarily before) and every GPU on order
  const committedMw = [...aliveAt(world.cohorts, t), ...pending.gpus].reduce(
    (a, c) => a + c.count * mwPerGpu(hw.get(c.accelerator)!),
    0,
  );
  const powerCap = Math.max(0, (reachableMw(world) - committedMw) / mwPerGpu(g));
  const bought = Math.floor(Math.min(shortfall, left.gpus, hbmCap, powerCap));
  const supplied = Math.floor(Math.min(supplyShortfall, left.gpus));
  const equipped = Math.floor(Math.min(supplied, hbmCap));
  const out: OrderRequest[] = [];
  if (bought >= 1) out.push({ kind: 'gpu_delivery', site: null, amount: bought, item: g.name });
  if (supplied - equipped >= 1) out.push({ kind: 'hbm_held', site: null, amount: supplied - equipped, item: g.name });
  if (equipped - bought >= 1) out.push({ kind: 'power_held', site: null, amount: equipped - bought, item: g.name });
  return out;
}

function powerOrders(p: Params, world: World, pending: Pending, newGpus: OrderRequest[], t: number): OrderRequest[] {
  const tl = t + p.planner.lookahead_years;
  const hw = p.hardware_by_name;
  const fleet = [
    ...aliveAt(world.cohorts, tl),
    ...pending.gpus,
    ...newGpus.filter((o) => o.kind === 'gpu_delivery').map((o) => ({ accelerator: o.item!, count: o.amount })),
  ];
  const needMw = fleet.reduce((a, c) => {
    const acc = hw.get(c.accelerator)!;
    return a + (c.count * itWattsPerGpu(acc, p) * plannedPue(p, world, acc)) / 1e6;
  }, 0);
  let deficit = needMw - world.sites.reduce((a, s, i) => a + availablePowerMw(s) + pending.power_mw[i], 0);
  const out: OrderRequest[] = [];
  for (const [i, s] of world.sites.entries()) {
    const room = s.spec.max_onsite_generation_mw - s.onsite_mw - pending.onsite_mw[i];
    const take = Math.min(deficit, room);
    if (take >= 1) {
      out.push({ kind: 'onsite_generation', site: i, amount: take, item: null });
      deficit -= take;
    }
  }
  for (const [i, s] of world.sites.entries()) {
    const room = s.spec.max_grid_mw - s.grid_mw - pending.grid_mw[i];
    const take = Math.min(room, Math.max(deficit, p.power.grid_order_mw));
    if (deficit > 0 && take >= 1) {
      out.push({ kind: 'grid_connection', site: i, amount: take, item: null });
      deficit -= take;
    }
  }
  return out;
}

function coolingOrders(p: Params, world: World, pending: Pending, power: OrderRequest[], t: number): OrderRequest[] {
  const out: OrderRequest[] = [];
  // Retrofit for the generation that will be newest when a retrofit ordered now would land.
  const newest = newestAccelerator(p, t + p.planner.lead_times.cooling_retrofit.median_years);
  for (const [i, s] of world.sites.entries()) {
    const tech = pending.retrofit[i] ?? s.technology;
    if (!pending.retrofit[i] && !fitsDensity(rackKw(newest, p), p.cooling.technologies[tech])) {
      const target = fitsDensity(rackKw(newest, p), p.cooling.technologies[p.cooling.retrofit_to])
        ? p.cooling.retrofit_to
        : technologyFor(rackKw(newest, p), p.cooling.technologies);
      if (target) out.push({ kind: 'cooling_retrofit', site: i, amount: 1, item: target });
    }
    const newPower = power.filter((o) => o.site === i).reduce((a, o) => a + o.amount, 0);
    const pue =
      p.cooling.technologies[(out.find((o) => o.site === i)?.item as CoolingTechnology | undefined) ?? tech].pue;
    const gap =
      (availablePowerMw(s) + pending.power_mw[i] + newPower) / pue - s.cooling_capacity_mw - pending.cooling_mw[i];
    if (gap >= 1) out.push({ kind: 'cooling_expansion', site: i, amount: gap, item: null });
  }
  return out;
}

export function review(
  p: Params,
  world: World,
  pending: Pending,
  ledger: SupplyLedger,
  t: number,
  makeProfile: (s: ModelShape) => WorkloadProfile,
): OrderRequest[] {
  const gpus = gpuOrders(p, world, pending, ledger, t, makeProfile);
  const power = powerOrders(p, world, pending, gpus, t);
  return [...gpus, ...power, ...coolingOrders(p, world, pending, power, t)];
}
