// `firstwall explain`: what a what-if scenario changed against its base, and why. Lists the inputs
// that differ (resolved through `extends`), runs the base, each input alone on the base, and the
// what-if, all on the same seeds (common random numbers), and attributes the change in the first
// wall, its year and each wall's headroom at chosen years to the inputs: one at a time, all
// together, and the interaction remainder (attribution.ts); then says why (why.ts).
//
//   base, what-if -> differing inputs -> variants (validated) -> runs x seeds -> measures -> effects
//
// Invariant: deterministic in (scenarios, seed, draws, years).
import type { LoadedScenario } from '../../scenario/load.ts';
import { drawSeed } from '../../model/certainty.ts';
import { stepTimes } from '../../model/run.ts';
import { normalize } from '../../params/params.ts';
import { defaultsOf, scenarioDiff, type DefaultAt, type InputDiff } from './diff.ts';
import { bothRoutes, makeVariant, type Variant } from './variant.ts';
import { difference, interaction, runVariant, type Effect, type Measures } from './attribution.ts';
import { whySentences } from './why.ts';

export interface ExplainOptions {
  cwd: string;
  /** Draws per variant (>= 1): the scenario's own seed, then common-random-number seeds after it. */
  draws: number;
  seed?: number;
  /** Years to attribute headrooms at (default: the first-wall years of both, in both horizons). */
  years?: number[];
}

export interface SingleEffect {
  pointer: string;
  effect: Effect | null;
  /** Why the input could not be run alone (its effect is then in the interaction). */
  problem?: string;
}

export interface Explanation {
  base: { name: string; file: string };
  what_if: { name: string; file: string };
  seeds: number[];
  years: number[];
  diffs: InputDiff[];
  measures: { base: Measures; what_if: Measures };
  singles: SingleEffect[];
  total: Effect;
  interaction: Effect;
  why: string[];
}

/** The seeds every variant runs on: the scenario's own, then CRN draws after it (src/model/certainty.ts). */
export function explainSeeds(seed: number, draws: number): number[] {
  return [seed, ...Array.from({ length: Math.max(0, draws - 1) }, (_, i) => drawSeed(seed, i))];
}

/** Years in both horizons (as steps of each). */
function commonYears(a: LoadedScenario, b: LoadedScenario): number[] {
  const tb = stepTimes(normalize(b.scenario));
  return stepTimes(normalize(a.scenario)).filter((t) => tb.some((u) => Math.abs(u - t) < 1e-6));
}

/** Years after a first wall at which a lever that comes too late for it shows (a grid order's 5 years). */
const LATER_YEARS = 5;

/** The first-wall years of both sides and LATER_YEARS after the earlier (in both horizons), or the
 * sixth common step when neither has a first wall. */
function defaultYears(common: number[], firsts: (number | null)[]): number[] {
  const found = firsts.filter((y): y is number => y !== null);
  const wanted = found.length ? [...found, Math.min(...found) + LATER_YEARS] : [common[Math.min(5, common.length - 1)]];
  return [...new Set(wanted.filter((y) => common.some((c) => Math.abs(c - y) < 1e-6)))].sort((a, b) => a - b);
}

interface Unit {
  label: string;
  diffs: InputDiff[];
  variant: Variant;
}

const parentOf = (pointer: string) => pointer.slice(0, pointer.lastIndexOf('/'));

/**
 * The inputs attributed one at a time: each differing leaf alone, except leaves that cannot stand
 * alone (a lead time's median raised past its p90), which go together with their siblings under
 * the same parent ("/planner/lead_times/cooling_plant/{median_years,p90_years}").
 */
function inputUnits(
  base: LoadedScenario,
  whatIf: LoadedScenario,
  diffs: InputDiff[],
  routes: ReturnType<typeof bothRoutes>,
): Unit[] {
  const alone = diffs.map((d) => ({ label: d.pointer, diffs: [d], variant: makeVariant(base, whatIf, [d], routes) }));
  const out: Unit[] = [];
  const done = new Set<string>();
  for (const u of alone) {
    if (!('problem' in u.variant)) {
      out.push(u);
      continue;
    }
    const parent = parentOf(u.label);
    if (done.has(parent)) continue;
    done.add(parent);
    const siblings = diffs.filter((d) => parentOf(d.pointer) === parent);
    const keys = siblings.map((d) => d.pointer.slice(parent.length + 1));
    const label = siblings.length > 1 ? `${parent}/{${keys.join(',')}}` : u.label;
    out.push({
      label,
      diffs: siblings,
      variant: siblings.length > 1 ? makeVariant(base, whatIf, siblings, routes) : u.variant,
    });
  }
  // siblings that ran alone before a failing one joined them are now counted in its group
  const grouped = new Set(out.filter((u) => u.diffs.length > 1).flatMap((u) => u.diffs.map((d) => d.pointer)));
  return out.filter((u) => u.diffs.length > 1 || !grouped.has(u.label));
}

export function explain(base: LoadedScenario, whatIf: LoadedScenario, o: ExplainOptions): Explanation {
  const defaults: [DefaultAt, DefaultAt] = [
    defaultsOf(normalize(base.scenario)),
    defaultsOf(normalize(whatIf.scenario)),
  ];
  const diffs = scenarioDiff(base.scenario, whatIf.scenario, defaults).map((d) => ({
    ...d,
    ...(d.base === undefined ? { base_default: defaults[0](d.pointer) } : {}),
    ...(d.what_if === undefined ? { what_if_default: defaults[1](d.pointer) } : {}),
  }));
  const seeds = explainSeeds(o.seed ?? base.scenario.seed ?? 1, o.draws);
  const routes = bothRoutes(base, whatIf, o.cwd);
  const common = commonYears(base, whatIf);
  // the two ends first, on every seed; their first seeds pick the default years
  const run = (l: LoadedScenario, r: typeof routes.base, years: number[]) => runVariant(l, r, seeds, years, o.cwd);
  const probe = [run(base, routes.base, []), run(whatIf, routes.what_if, [])];
  const years = (
    o.years ??
    defaultYears(
      common,
      probe.map((p) => p.results[0].first_wall?.year ?? null),
    )
  ).filter((y) => common.some((c) => Math.abs(c - y) < 1e-6));
  const ends = [run(base, routes.base, years), run(whatIf, routes.what_if, years)];
  const [m0, m1] = ends.map((e) => e.measures);
  const singles: SingleEffect[] = inputUnits(base, whatIf, diffs, routes).map((u) => {
    if (u.diffs.length === diffs.length) return { pointer: u.label, effect: difference(m0, m1) };
    if ('problem' in u.variant) return { pointer: u.label, effect: null, problem: u.variant.problem };
    return { pointer: u.label, effect: difference(m0, run(u.variant.loaded, u.variant.route, years).measures) };
  });
  const total = difference(m0, m1);
  const inter = interaction(
    total,
    singles.flatMap((s) => (s.effect ? [s.effect] : [])),
  );
  return {
    base: { name: base.scenario.name, file: base.file },
    what_if: { name: whatIf.scenario.name, file: whatIf.file },
    seeds,
    years,
    diffs,
    measures: { base: m0, what_if: m1 },
    singles,
    total,
    interaction: inter,
    why: whySentences({
      diffs,
      base: m0,
      what_if: m1,
      singles,
      total,
      interaction: inter,
      runs: { base: ends[0].results[0], what_if: ends[1].results[0] },
    }),
  };
}
