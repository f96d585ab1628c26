// Why the first wall binds, in a few generated sentences: which resource, how much of it is in
// service against what the target run needs, what adds it and how long that takes (the lead times,
// when the scenario's parameters are at hand), which of the planner's orders land by the crossing,
// and what a 10% change of each active constraint does (the coupled solve's elasticities; local,
// so "moves the first wall by" is the crossing's shift at the rate the headroom falls there).
// Invariant: pure; every figure read off the result (and the parameters when given).
import type { Params } from '../../params/params.ts';
import type { BuildoutKind, RunResult, StepResult } from '../../result/types.ts';
import { formatHeadroom, formatYear } from '../../result/format.ts';

/** What the explanation reads from the scenario's parameters (absent for a report of a result file). */
export interface LeverParams {
  lead_times: Record<string, { median_years: number; p90_years: number }>;
  gpu_supply_per_year: number;
  gpu_supply_growth_per_year: number;
  hbm_supply_tb_per_year: number;
  hbm_supply_growth_per_year: number;
}

export function leverParams(p: Params): LeverParams {
  return {
    lead_times: p.planner.lead_times,
    gpu_supply_per_year: p.compute.gpu_supply_per_year,
    gpu_supply_growth_per_year: p.compute.gpu_supply_growth_per_year,
    hbm_supply_tb_per_year: p.memory.hbm_supply_tb_per_year,
    hbm_supply_growth_per_year: p.memory.hbm_supply_growth_per_year,
  };
}

interface Lever {
  /** The resource in words. */
  what: string;
  unit: string;
  inService?: (s: StepResult) => number;
  /** What the target run would need of it at this step's efficiency (the run's own need). */
  needed?: (s: StepResult) => number;
  /** The resource serves the whole fleet, of which the run gets `run_share`: the fleet needs need / share. */
  fleet?: boolean;
  /** Sites this resource scaled down (power- or cooling-limited). */
  sites?: 'power' | 'cooling';
  /** The buildouts that add it, and the lead-time key of each. */
  builds: { kind: BuildoutKind; name: string; lead: string }[];
  /** When no buildout adds it: what moves it. */
  otherwise?: string;
}

const POWER: Lever = {
  what: 'facility power in service',
  unit: 'MW',
  inService: (s) => s.quantities.available_power_mw,
  needed: (s) => s.quantities.run_facility_mw_needed,
  fleet: true,
  sites: 'power',
  builds: [
    { kind: 'grid_connection', name: 'grid connections', lead: 'grid' },
    { kind: 'onsite_generation', name: 'on-site generation', lead: 'onsite_generation' },
    { kind: 'site_acquisition', name: 'new campuses', lead: 'site_acquisition' },
  ],
};
const runGpus = (s: StepResult) => (s.achievable.headroom > 0 ? s.quantities.gpus_for_run / s.achievable.headroom : 0);

/** The lever behind a binding constraint (wall and what limited it). */
export function leverFor(wall: string, limitedBy: string): Lever | null {
  if (wall === 'power') return POWER;
  if (wall === 'memory' && limitedBy.startsWith('HBM supply'))
    return {
      what: 'accelerators the HBM supply equips',
      unit: 'accelerators',
      inService: (s) => s.quantities.hbm_supply_gpus,
      needed: runGpus,
      fleet: true,
      builds: [{ kind: 'gpu_delivery', name: 'accelerator deliveries', lead: 'gpu_delivery' }],
      otherwise: 'HBM supply',
    };
  if (wall === 'compute')
    return {
      what: 'accelerators delivered',
      unit: 'accelerators',
      inService: (s) => s.quantities.supply_gpus,
      needed: runGpus,
      fleet: true,
      builds: [{ kind: 'gpu_delivery', name: 'accelerator deliveries', lead: 'gpu_delivery' }],
    };
  if (wall === 'cooling' && limitedBy.startsWith('heat'))
    return {
      what: 'heat-rejection plant in service',
      unit: 'MW',
      inService: (s) => s.quantities.cooling_capacity_mw,
      needed: (s) => s.quantities.run_it_mw_needed,
      fleet: true,
      sites: 'cooling',
      builds: [{ kind: 'cooling_expansion', name: 'cooling plant', lead: 'cooling_plant' }],
    };
  if (wall === 'cooling')
    return {
      what: 'racks the cooling technology takes',
      unit: '',
      builds: [{ kind: 'cooling_retrofit', name: 'cooling retrofits', lead: 'cooling_retrofit' }],
    };
  if (wall === 'data')
    return {
      what: 'quality tokens',
      unit: 'tokens',
      inService: (s) => s.quantities.tokens_available,
      needed: (s) => s.quantities.tokens_needed,
      builds: [],
      otherwise: 'no buildout adds tokens: a larger stock, more epochs or synthetic data',
    };
  if (wall === 'network')
    return {
      what: 'serial step time',
      unit: '',
      builds: [],
      otherwise: 'no buildout moves it: lower latency, faster links, a larger critical batch or fewer sites spanned do',
    };
  return null;
}

const amount = (x: number) =>
  x >= 1e12
    ? x.toExponential(2).replace('e+', 'e')
    : Math.round(x)
        .toString()
        .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pct = (x: number) => `${(x * 100).toPrecision(2)}%`;

/** Yearly factor by which the achievable headroom falls around step i (1 when it does not fall). */
function fallPerYear(r: RunResult, i: number): number {
  const s = r.steps;
  const j = i > 0 ? i - 1 : i + 1;
  if (j >= s.length || !(s[i].achievable.headroom > 0) || !(s[j].achievable.headroom > 0)) return 1;
  const [a, b] = i > 0 ? [s[j], s[i]] : [s[i], s[j]];
  return Math.pow(a.achievable.headroom / b.achievable.headroom, 1 / Math.abs(b.year - a.year));
}

function leadTimeText(lever: Lever, year: number, p: LeverParams | undefined, start: number): string[] {
  if (!lever.builds.length) return lever.otherwise ? [`${cap(lever.otherwise)}.`] : [];
  if (!p) return [`It is added by ${lever.builds.map((b) => b.name).join(', ')}.`];
  const parts = lever.builds.map((b) => {
    const lt = p.lead_times[b.lead];
    const by = year - lt.median_years;
    return `${b.name} (median ${lt.median_years} yr, p90 ${lt.p90_years} yr: ordered by ${formatYear(by)}${by < start ? ', before the horizon starts' : ''})`;
  });
  return [`To move it, more would have to be in service by ${formatYear(year)}: ${parts.join('; ')}.`];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function ordersText(r: RunResult, lever: Lever, year: number): string[] {
  const kinds = lever.builds.map((b) => b.kind);
  const orders = r.buildouts.filter((b) => kinds.includes(b.kind));
  if (!kinds.length) return [];
  if (!orders.length) return [`The planner placed no ${lever.builds.map((b) => b.name).join(' or ')} order.`];
  const landed = orders.filter((b) => b.landed && (b.lands_at ?? Infinity) <= year + 1e-9);
  const first = orders[0];
  const lands = first.lands_at === null ? 'still queued' : `lands ${formatYear(first.lands_at)}`;
  return [
    `The planner's first such order (${formatYear(first.ordered_at)}, ${first.kind.replace(/_/g, ' ').replace('onsite', 'on-site')} ${amount(first.amount)} ${first.unit}${first.site ? ` at ${first.site}` : ''}) ${lands}; ${landed.length} of ${orders.length} land by ${formatYear(year)}.`,
  ];
}

function supplyText(wall: string, p: LeverParams | undefined): string[] {
  if (!p) return [];
  if (wall === 'memory')
    return [
      `HBM supply: ${amount(p.hbm_supply_tb_per_year)} TB/yr to the developer, growing ${p.hbm_supply_growth_per_year}x/yr.`,
    ];
  if (wall === 'compute')
    return [
      `Accelerator supply: ${amount(p.gpu_supply_per_year)}/yr to the developer, growing ${p.gpu_supply_growth_per_year}x/yr.`,
    ];
  return [];
}

function elasticityText(r: RunResult, i: number): string[] {
  const s = r.steps[i];
  const a = s.achievable;
  if (!a.active.length) return [];
  const gains = a.active.map((c) => `+10% ${c.limited_by} (${c.wall}): achievable +${pct(0.1 * c.elasticity)}`);
  const e = a.active[0].elasticity;
  const up = a.headroom * (1 + 0.1 * e);
  const fall = fallPerYear(r, i);
  const shift = fall > 1 ? Math.log(1 + 0.1 * e) / Math.log(fall) : Infinity;
  const move =
    up >= 1
      ? `lifts ${formatYear(s.year)} to ${formatHeadroom(up)}, so the first wall moves past ${formatYear(s.year)}`
      : Number.isFinite(shift)
        ? `lifts the headroom from ${formatHeadroom(a.headroom)} to ${formatHeadroom(up)}; the achievable run falls behind the target ${fall.toPrecision(2)}x a year there, so that moves the crossing by ~${shift < 0.1 ? shift.toFixed(2) : shift.toPrecision(2)} years and the first wall stays in ${formatYear(s.year)}`
        : `lifts the headroom from ${formatHeadroom(a.headroom)} to ${formatHeadroom(up)} and the first wall stays in ${formatYear(s.year)}`;
  return [`Elasticities in ${formatYear(s.year)} (local): ${gains.join('; ')}. +10% of the binding one ${move}.`];
}

function quantityText(lever: Lever, s: StepResult): string {
  const unit = lever.unit ? ` ${lever.unit}` : '';
  const limited = lever.sites ? s.sites.filter((x) => x.limited_by === lever.sites).map((x) => x.name) : [];
  const where = limited.length ? ` (${lever.sites}-limited: ${limited.join(', ')})` : '';
  const have = `${cap(lever.what)}: ${amount(lever.inService!(s))}${unit}${where}.`;
  const need = lever.needed!(s);
  const share = s.quantities.run_share;
  if (lever.fleet && share > 0 && share < 1)
    return `${have} The run gets ${pct(share)} of the fleet, so the target run's ~${amount(need)}${unit} means ~${amount(need / share)}${unit} across the fleet.`;
  return `${have} The target run would need ~${amount(need)}${unit}.`;
}

/** The explanation of the first wall (or of the closest approach when none binds). */
export function firstWallExplanation(r: RunResult, p?: LeverParams): string[] {
  const f = r.first_wall;
  if (!f) {
    const n = r.nearest;
    const s = r.steps.find((x) => x.year === n.year);
    return [
      `No wall binds by ${formatYear(r.horizon.end_year)}: the achievable run meets the target every step; it comes closest in ${formatYear(n.year)} (${formatHeadroom(n.headroom)}, ${n.wall}${s ? `: ${s.achievable.limited_by}` : ''}).`,
    ];
  }
  const i = r.steps.findIndex((x) => Math.abs(x.year - f.year) < 1e-6);
  const s = r.steps[i];
  const lever = leverFor(f.wall, f.limited_by);
  const out = [
    `Why ${f.wall} binds first in ${formatYear(f.year)}: the achievable run is ${formatHeadroom(f.headroom)} of the target, limited by ${f.limited_by}.`,
  ];
  if (!s) return out; // a result whose steps do not include the first wall's (hand-edited or cut)
  if (lever?.inService && lever.needed) out.push(quantityText(lever, s));
  out.push(...supplyText(f.wall, p));
  if (lever) out.push(...leadTimeText(lever, f.year, p, r.horizon.start_year), ...ordersText(r, lever, f.year));
  out.push(...elasticityText(r, i));
  return out;
}
