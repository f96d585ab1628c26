// Why the achievable run is what it is: its elasticity to each resource (% more achievable FLOP per
// 1% more of the resource, everything else as it stands, found by perturbation) and the constraints
// active at the solution (elasticity above ACTIVE_ELASTICITY), each attributed to its wall.
// Elasticities are central differences (+1% and -1%): where two constraints are tight at once (a
// site whose plant exactly cools its accelerators), one-sided +1% moves neither, while the central
// difference gives each half, so both show as active. Stranded racks are discrete, so their "1%" is
// 1% of the stranded racks cooled (one-sided).
import type { ActiveConstraint, PurchaseLimit } from '../result/types.ts';
import { solvedFlop, type Solution } from './achievable.ts';
import type { SolveContext } from './solve-context.ts';
import { AS_BUILT, type ResourceScales } from './operate.ts';

export const RESOURCES = [
  'accelerators',
  'hbm_bandwidth',
  'power',
  'cooling',
  'rack_density',
  'network',
  'data',
] as const;
export type Resource = (typeof RESOURCES)[number];

/** Perturbation size: 1% of the resource. */
export const STEP = 0.01;
/** Below this elasticity a constraint is slack (a 1% increase moves the run by under 0.05%). */
export const ACTIVE_ELASTICITY = 0.05;

function scalesWith(r: Resource, sign: 1 | -1): ResourceScales {
  if (r === 'rack_density') return { ...AS_BUILT, stranded_cooled: STEP };
  const s = { ...AS_BUILT };
  s[r] = 1 + sign * STEP;
  return s;
}

/** The perturbed scales, built once: [resource][0: +1%, 1: -1%], all of AS_BUILT's shape (a
 * computed-key spread per solve made objects V8 keeps as dictionaries, slow for every read after). */
const PERTURBED = {} as Record<Resource, readonly [ResourceScales, ResourceScales]>;
for (const r of RESOURCES) PERTURBED[r] = [scalesWith(r, 1), scalesWith(r, -1)];

function perturbed(r: Resource, sign: 1 | -1): ResourceScales {
  return PERTURBED[r][sign === 1 ? 0 : 1];
}

/** Slack so wide that a 1% perturbation of the resource cannot change the solution (skips two solves). */
const WIDE = 1 + 3 * STEP;

function cannotMatter(ctx: SolveContext, base: Solution, r: Resource): boolean {
  const fleetIdle = base.capped_by !== 'fleet' && base.fleet_flop > base.flop * WIDE;
  switch (r) {
    case 'power':
      return fleetIdle || everyOp(base, 'power');
    case 'cooling':
      return fleetIdle || everyOp(base, 'cooling');
    case 'rack_density':
      return fleetIdle || everyOp(base, 'rack_density');
    case 'hbm_bandwidth':
      return fleetIdle || rooflineSlack(ctx);
    case 'accelerators':
      return fleetIdle;
    case 'data':
      return base.capped_by !== 'data' && ctx.data_flop(1) > base.flop * WIDE * WIDE;
    case 'network':
      return false;
  }
}

/** True when every site's operation leaves the resource slack (plain loops: no closure per step). */
function everyOp(base: Solution, r: 'power' | 'cooling' | 'rack_density'): boolean {
  for (const o of base.ops) {
    const slack = r === 'power' ? o.power_slack > WIDE : r === 'cooling' ? o.cooling_slack > WIDE : o.stranded === 0;
    if (!slack) return false;
  }
  return true;
}

/** True when no generation on any site is held back by its HBM bandwidth. */
function rooflineSlack(ctx: SolveContext): boolean {
  for (const s of ctx.sites)
    for (const g of s.gens) {
      const slack =
        g.hbm_elasticity !== null
          ? g.hbm_elasticity < ACTIVE_ELASTICITY / 10
          : g.bandwidth_flop_per_s > g.compute_flop_per_s * WIDE;
      if (!slack) return false;
    }
  return true;
}

/** Elasticities by resource, built by a constructor with every field in RESOURCES order (they are
 * the result's key order): a record filled by computed keys was built on the runtime's slow path. */
class ElasticityRecord {
  declare accelerators: number;
  declare hbm_bandwidth: number;
  declare power: number;
  declare cooling: number;
  declare rack_density: number;
  declare network: number;
  declare data: number;
  constructor() {
    this.accelerators = 0;
    this.hbm_bandwidth = 0;
    this.power = 0;
    this.cooling = 0;
    this.rack_density = 0;
    this.network = 0;
    this.data = 0;
  }
}

/** Elasticity to each resource: a new record per call (the step's result keeps it). */
export function elasticities(ctx: SolveContext, base: Solution): Record<Resource, number> {
  const out: Record<Resource, number> = new ElasticityRecord();
  for (const r of RESOURCES) {
    if (!(base.flop > 0) || cannotMatter(ctx, base, r)) {
      out[r] = 0;
      continue;
    }
    const up = solvedFlop(ctx, perturbed(r, 1), base);
    if (r === 'rack_density') {
      out[r] = Math.max(0, (up / base.flop - 1) / STEP);
      continue;
    }
    const down = solvedFlop(ctx, perturbed(r, -1), base);
    out[r] = Math.max(0, (up - down) / (2 * STEP * base.flop));
  }
  return out;
}

/** The wall that more accelerators stand for: the supply (or power) that capped recent purchases. */
export function acceleratorWall(purchases: PurchaseLimit[]): { wall: string; limited_by: string } {
  const last = purchases[purchases.length - 1];
  switch (last?.limited_by) {
    case 'HBM supply':
      return { wall: 'memory', limited_by: 'HBM supply (accelerators without HBM)' };
    case 'reachable power':
      return { wall: 'power', limited_by: 'no reachable power for more accelerators' };
    case 'accelerator supply':
      return { wall: 'compute', limited_by: 'accelerator supply' };
    default:
      return { wall: 'compute', limited_by: 'accelerators bought behind demand (lead times)' };
  }
}

export interface Attribution {
  accelerators: { wall: string; limited_by: string };
  network_limited_by: string;
  stranded_gpus: number;
}

function attribute(r: Resource, a: Attribution): { wall: string; limited_by: string } {
  switch (r) {
    case 'accelerators':
      return a.accelerators;
    case 'hbm_bandwidth':
      return { wall: 'memory', limited_by: 'HBM bandwidth (roofline)' };
    case 'power':
      return { wall: 'power', limited_by: 'facility MW in service' };
    case 'cooling':
      return { wall: 'cooling', limited_by: 'heat-rejection capacity' };
    case 'rack_density':
      return { wall: 'cooling', limited_by: `rack density (${Math.round(a.stranded_gpus)} accelerators stranded)` };
    case 'network':
      return { wall: 'network', limited_by: a.network_limited_by };
    case 'data':
      return { wall: 'data', limited_by: 'quality tokens' };
  }
}

/** Active constraints, one per wall (its most elastic resource), largest elasticity first (ties in
 * the order their walls first appear in RESOURCES, as a stable sort of them gives). Built in one
 * array: a wall's entry replaced in place, then an insertion sort (a handful of entries; the Map, its
 * spread and the sort's comparator were most of a step's attribution). */
export function activeConstraints(e: Record<Resource, number>, a: Attribution): ActiveConstraint[] {
  const out: ActiveConstraint[] = [];
  for (const r of RESOURCES) {
    const v = e[r];
    if (!(v > ACTIVE_ELASTICITY)) continue;
    const { wall, limited_by } = attribute(r, a);
    let i = 0;
    while (i < out.length && out[i].wall !== wall) i++;
    if (i === out.length) out.push({ wall, limited_by, elasticity: v });
    else if (v > out[i].elasticity) out[i] = { wall, limited_by, elasticity: v };
  }
  // stable: each entry moves ahead of strictly less elastic ones only
  for (let i = 1; i < out.length; i++) {
    const c = out[i];
    let j = i - 1;
    for (; j >= 0 && out[j].elasticity < c.elasticity; j--) out[j + 1] = out[j];
    out[j + 1] = c;
  }
  return out;
}

/** The wall a cap stands for when no resource is elastic (the fleet is idle against a hard cap, or
 * nothing runs at all: no elasticity exists at a zero run, so the reason is read off the sites). */
export function capWall(s: Solution, a: Attribution): { wall: string; limited_by: string } {
  if (s.capped_by === 'data') return { wall: 'data', limited_by: 'quality tokens' };
  if (s.capped_by === 'network') return { wall: 'network', limited_by: a.network_limited_by };
  if (!(s.flop > 0)) return zeroRunWall(s, a);
  return a.accelerators;
}

/** Why a run of zero FLOP is zero: accelerators are on site but their racks are too hot for the
 * site's cooling (rack density), or they are cooled but no power or plant runs them; with none on
 * site, what stands for more accelerators (the purchases' cap). */
function zeroRunWall(s: Solution, a: Attribution): { wall: string; limited_by: string } {
  if (a.stranded_gpus > 0 && s.ops.every((o) => o.running.every((n) => !(n > 0)) && o.limited_by === 'none'))
    return attribute('rack_density', a);
  const stopped = s.ops.find((o) => o.limited_by !== 'none');
  if (stopped?.limited_by === 'power') return attribute('power', a);
  if (stopped?.limited_by === 'cooling') return attribute('cooling', a);
  return a.accelerators;
}
