// Limits the schema cannot express because they combine fields: how many steps and planner reviews
// a horizon holds, and how far a growth factor compounds a value over it. With these (and the
// per-field bounds in the schema) every valid scenario runs in bounded time and memory and every
// quantity the model derives stays a finite double.
// Invariant: only what the scenario writes is checked (an absent growth factor counts as 1; the
// parameter defaults in src/params/defaults.ts stay within these limits over the longest horizon).
import type { FirstwallScenario } from './types.gen.ts';
import type { Inconsistency } from './consistency.ts';

/** A century: far beyond any published projection (Epoch AI and IEA project to 2030-2050; R). */
export const MAX_HORIZON_YEARS = 100;
/** Steps per run: weekly steps over 38 years, or monthly over a century (~0.5 ms each; E). */
export const MAX_STEPS = 2000;
/** Planner reviews per run, as steps. */
export const MAX_REVIEWS = 2000;
/** The planner looks at most 30 years ahead (schema /planner/lookahead_years maximum). */
const MAX_LOOKAHEAD_YEARS = 30;
/** Default review interval (src/params/defaults.ts: quarterly). */
const DEFAULT_REVIEW_YEARS = 0.25;
/** Largest demanded run: ~a year of the Sun's output at the Landauer limit x 1e5 (schema /demand). */
export const MAX_RUN_FLOP = 1e60;
/** 2^200 = 1.6e60: an algorithmic gain beyond MAX_RUN_FLOP / 1 FLOP has no meaning. */
export const MAX_HALVINGS = 200;
/** Accelerators or TB of HBM per year: ~1e5 x the 2024 world output (Epoch AI 2024; P, E). */
export const MAX_SUPPLY_PER_YEAR = 1e12;
/** Tokens: ~3e5 x the effective stock of human text (Villalobos et al. 2024: 3e14; Q, E). */
export const MAX_TOKENS = 1e20;
/** EPS of step counting in src/model/run.ts (floor((end - start) / step + 1e-9)). */
const EPS = 1e-9;

const fmt = (x: number) => (x >= 1e6 || x < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(4))));

/** Number of times `t0 + k*every` falls within [t0, t0 + span] (how run.ts counts steps and reviews). */
export function countIn(span: number, every: number): number {
  return Math.floor(span / every + EPS) + 1;
}

interface Compound {
  value: number | undefined;
  valuePath: string[];
  growth: number | undefined;
  growthPath: string[];
  cap: number;
  what: string;
}

/** value x max(1, growth^years) must stay <= cap; reported at the growth when written, else at the value. */
function compound(c: Compound, years: number, end: string): Inconsistency[] {
  if (c.value === undefined) return [];
  const peak = c.value * Math.max(1, Math.pow(c.growth ?? 1, years));
  if (peak <= c.cap) return [];
  const at = c.growth !== undefined && c.growth > 1 ? c.growthPath : c.valuePath;
  return [
    {
      path: at,
      message: `/${at.join('/')}: ${c.what} would reach ${fmt(peak)} by ${end} (/${c.valuePath.join('/')} ${fmt(c.value)} x /${c.growthPath.join('/')} ${fmt(c.growth ?? 1)} ^ ${fmt(years)} years); the limit is ${fmt(c.cap)}`,
    },
  ];
}

export function checkHorizonLimits(s: FirstwallScenario): Inconsistency[] {
  const h = s.horizon;
  const span = h.end_year - h.start_year;
  if (span < 0) return []; // reported by checkConsistency
  const out: Inconsistency[] = [];
  if (span > MAX_HORIZON_YEARS)
    out.push({
      path: ['horizon', 'end_year'],
      message: `/horizon/end_year is ${fmt(span)} years after /horizon/start_year; the limit is ${MAX_HORIZON_YEARS} years`,
    });
  const step = h.step_years ?? 1;
  if (countIn(span, step) > MAX_STEPS)
    out.push({
      path: ['horizon', 'step_years'],
      message: `/horizon/step_years ${step} gives ${countIn(span, step)} steps over ${fmt(span)} years; the limit is ${MAX_STEPS} steps`,
    });
  const review = s.planner?.review_every_years;
  if (countIn(span, review ?? DEFAULT_REVIEW_YEARS) > MAX_REVIEWS)
    out.push({
      path: review === undefined ? ['horizon', 'end_year'] : ['planner', 'review_every_years'],
      message: `/planner/review_every_years ${review ?? DEFAULT_REVIEW_YEARS} gives ${countIn(span, review ?? DEFAULT_REVIEW_YEARS)} reviews over ${fmt(span)} years; the limit is ${MAX_REVIEWS} reviews`,
    });
  const fleetSpan = (s.fleet?.to_year ?? h.end_year) - (s.fleet?.from_year ?? h.start_year);
  if (fleetSpan > MAX_HORIZON_YEARS)
    out.push({
      path: s.fleet?.to_year === undefined ? ['fleet'] : ['fleet', 'to_year'],
      message: `/fleet/to_year is ${fmt(fleetSpan)} years after /fleet/from_year (absent: the horizon's); the limit is ${MAX_HORIZON_YEARS} years`,
    });
  if (span > MAX_HORIZON_YEARS) return out; // compounding over an over-long horizon says nothing new
  // the planner projects up to its look-ahead past the end (absent: the longest it may be, to be safe)
  out.push(...compounding(s, span + (s.planner?.lookahead_years ?? MAX_LOOKAHEAD_YEARS)));
  return out;
}

function compounding(s: FirstwallScenario, years: number): Inconsistency[] {
  const end = `/horizon/end_year + /planner/lookahead_years (${fmt(years)} years after /horizon/start_year)`;
  const list: Compound[] = [
    {
      value: s.demand.frontier_run_flop,
      valuePath: ['demand', 'frontier_run_flop'],
      growth: s.demand.growth_per_year,
      growthPath: ['demand', 'growth_per_year'],
      cap: MAX_RUN_FLOP,
      what: 'the demanded run (FLOP)',
    },
    {
      value: s.compute?.gpu_supply_per_year,
      valuePath: ['compute', 'gpu_supply_per_year'],
      growth: s.compute?.gpu_supply_growth_per_year,
      growthPath: ['compute', 'gpu_supply_growth_per_year'],
      cap: MAX_SUPPLY_PER_YEAR,
      what: 'accelerator supply per year',
    },
    {
      value: s.memory?.hbm_supply_tb_per_year,
      valuePath: ['memory', 'hbm_supply_tb_per_year'],
      growth: s.memory?.hbm_supply_growth_per_year,
      growthPath: ['memory', 'hbm_supply_growth_per_year'],
      cap: MAX_SUPPLY_PER_YEAR,
      what: 'HBM supply per year (TB)',
    },
    {
      value: s.data?.stock_tokens,
      valuePath: ['data', 'stock_tokens'],
      growth: s.data?.stock_growth_per_year,
      growthPath: ['data', 'stock_growth_per_year'],
      cap: MAX_TOKENS,
      what: 'the data stock (tokens)',
    },
    {
      value: s.data?.synthetic_tokens_per_year,
      valuePath: ['data', 'synthetic_tokens_per_year'],
      growth: s.data?.synthetic_growth_per_year,
      growthPath: ['data', 'synthetic_growth_per_year'],
      cap: MAX_TOKENS,
      what: 'synthetic tokens per year',
    },
  ];
  const out = list.flatMap((c) => compound(c, years, end));
  const halving = s.algorithms?.halving_years;
  const assumed = s.demand.assumed_halving_years ?? halving;
  for (const [h, path] of [
    [halving, ['algorithms', 'halving_years']],
    [
      assumed,
      s.demand.assumed_halving_years === undefined
        ? ['algorithms', 'halving_years']
        : ['demand', 'assumed_halving_years'],
    ],
  ] as const) {
    if (h !== undefined && years / h > MAX_HALVINGS)
      out.push({
        path: [...path],
        message: `/${path.join('/')} ${h} gives ${fmt(years / h)} halvings by ${end} (a gain of 2^${fmt(years / h)}); the limit is ${MAX_HALVINGS}`,
      });
  }
  return dedupe(out);
}

function dedupe(list: Inconsistency[]): Inconsistency[] {
  const seen = new Set<string>();
  return list.filter((i) => !seen.has(i.message) && seen.add(i.message));
}
