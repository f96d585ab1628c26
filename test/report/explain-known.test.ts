// `firstwall explain` against answers worked by hand: a pair whose inputs interact (the human stock
// and synthetic tokens add before the data wall squares them, so their effects do not multiply);
// common random numbers (an idle lever changes nothing to the last bit although the draws move the
// landings); the "grid interconnection twice as long" on the shipped baseline, where
// nothing moves and the why says the orders land after the crossing; properties of the diff and the
// decomposition; and goldens of the two terminal pages (`explain` and `run`) on hand-built values.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { scenarioRoute } from '../../src/model/workload-route.ts';
import { scenarioDiff, withValue } from '../../src/report/explain/diff.ts';
import { interaction, measure, runVariant, type Effect } from '../../src/report/explain/attribution.ts';
import { explain, explainSeeds, type Explanation } from '../../src/report/explain/explain.ts';
import { explanationText } from '../../src/report/explain/text.ts';
import { runText } from '../../src/cli/run-table.ts';
import { explanation } from '../../src/report/explanation.ts';
import { WALLS } from '../../src/walls/registry.ts';
import { baseline } from './fixtures.ts';
import { expectGolden } from './helpers/golden.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TEST_FILE = fileURLToPath(import.meta.url);
const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
let dir: string;

// The analytic route, one site, one generation, 2025-2030; an effective stock of 1e14 tokens that
// does not grow, no synthetic tokens (their quality 0.5 and growth 1 are the defaults).
const BASE = `name: known-base
seed: 7
calibration: analytic
horizon: { start_year: 2025, end_year: 2030 }
demand: { frontier_run_flop: 1.0e26, growth_per_year: 4 }
data: { stock_tokens: 1.0e14, stock_kind: effective, synthetic_tokens_per_year: 0 }
hardware:
  - { name: H100, first_year: 2022, bf16_tflops: 989, hbm_gb: 80, hbm_tb_per_s: 3.35, tdp_w: 700, scale_up_gb_per_s: 900, scale_out_gbit_per_s: 400 }
sites:
  - name: a
    grid_mw: 100
    installed: [{ accelerator: H100, count: 1000 }]
`;
// Twice the stock, and 1e14 synthetic tokens a year at quality 0.5. The data wall permits
// C = 6 D^2 / r with D = S + 0.5 x 1e14 x t (t years from 2025), so its headroom goes as D^2:
//   t = 0: D = 1e14 | 2e14 | 1e14 | 2e14       -> stock x4, synthetic x1, both x4, interaction x1
//   t = 1: D = 1e14 | 2e14 | 1.5e14 | 2.5e14   -> x4, x2.25, x6.25, interaction 6.25 / 9 = 0.694
//   t = 3: D = 1e14 | 2e14 | 2.5e14 | 3.5e14   -> x4, x6.25, x12.25, interaction 12.25 / 25 = 0.49
const MIXED = `extends: base.yaml
name: known-mixed
data: { stock_tokens: 2.0e14, synthetic_tokens_per_year: 1.0e14 }
`;
// A lever the run never reads: no cooling retrofit is ever ordered.
const IDLE = `extends: base.yaml
name: known-idle
planner:
  lead_times:
    cooling_retrofit: { median_years: 3, p90_years: 4 }
`;
// The question on the shipped baseline: grid interconnection takes twice as long.
const GRID = `extends: ${JSON.stringify(path.join(ROOT, 'scenarios/baseline-2025.yaml'))}
name: grid-twice-as-long
planner:
  lead_times:
    grid: { median_years: 10, p90_years: 20 }
`;

let mixed: Explanation;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'firstwall-explain-known-'));
  for (const [f, s] of Object.entries({ 'base.yaml': BASE, 'mixed.yaml': MIXED, 'idle.yaml': IDLE, 'grid.yaml': GRID }))
    writeFileSync(path.join(dir, f), s);
  mixed = explain(loadScenario('base.yaml', dir), loadScenario('mixed.yaml', dir), {
    cwd: dir,
    draws: 1,
    years: [2025, 2026, 2028],
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const factor = (e: Effect | null | undefined, key: string) => Math.pow(10, e!.log_headroom[key]);

describe('inputs that interact: stock and synthetic tokens add before the data wall squares them', () => {
  test('the two inputs, one at a time', () => {
    expect(mixed.singles.map((s) => s.pointer)).toEqual(['/data/stock_tokens', '/data/synthetic_tokens_per_year']);
  });
  test.each([
    [2025, 4, 1, 4],
    [2026, 4, 2.25, 6.25],
    [2028, 4, 6.25, 12.25],
  ])('in %i: stock x%f, synthetic x%f, all together x%f, the interaction the rest', (y, stock, synth, both) => {
    const k = `${y}/data`;
    expect(factor(mixed.singles[0].effect, k)).toBeCloseTo(stock, 9);
    expect(factor(mixed.singles[1].effect, k)).toBeCloseTo(synth, 9);
    expect(factor(mixed.total, k)).toBeCloseTo(both, 9);
    expect(factor(mixed.interaction, k)).toBeCloseTo(both / (stock * synth), 9);
  });
  test('the interaction is the all-together effect less the single ones, for every key', () => {
    for (const [k, v] of Object.entries(mixed.total.log_headroom)) {
      const sum = mixed.singles.reduce((a, s) => a + s.effect!.log_headroom[k], 0);
      expect(mixed.interaction.log_headroom[k]).toBeCloseTo(v - sum, 12);
    }
    expect(mixed.interaction.first_year).toBeCloseTo(mixed.total.first_year, 12); // no first-year effects here
  });
  test('the text names both inputs and prints the 2028 interaction factor 0.49', () => {
    const text = explanationText(mixed);
    const y2028 = text.slice(text.indexOf('Headroom in 2028'));
    const row = y2028.split('\n').find((l) => l.startsWith('interaction'))!;
    expect(row.trim().split(/\s+/)[6]).toBe('x0.490'); // interaction, then the six walls in order: data is 6th
    expect(WALLS[5]).toBe('data');
  });
});

describe('common random numbers', () => {
  test('the draws move the landings; an idle lever on the same draws changes nothing, to the last bit', () => {
    const base = loadScenario('base.yaml', dir);
    const route = scenarioRoute(base, dir);
    const seeds = explainSeeds(7, 3);
    const years = [2025, 2026, 2027, 2028];
    const runs = runVariant(base, route, seeds, years, dir);
    // the lead-time draws differ between seeds: the same orders land at different times
    const lands = runs.results.map((r) => r.buildouts.map((b) => b.lands_at).join(','));
    expect(new Set(lands).size).toBe(3);
    // so measures on other seeds differ: without common random numbers an idle lever would show noise
    const other = measure(runVariant(base, route, explainSeeds(8, 3), years, dir).results, years);
    expect(other.log_headroom).not.toEqual(runs.measures.log_headroom);
    const idle = explain(base, loadScenario('idle.yaml', dir), { cwd: dir, draws: 3, years });
    expect(idle.seeds).toEqual(seeds);
    expect(idle.total.first_year).toBe(0);
    expect(Object.values(idle.total.log_headroom).every((v) => v === 0)).toBe(true);
    expect(Object.keys(idle.total.log_headroom)).toHaveLength(years.length * (WALLS.length + 1));
  });
});

describe('nothing changed, and why: grid interconnection twice as long on the shipped baseline', () => {
  test('the first wall stays; the why says the grid orders land after the crossing under both lead times', () => {
    const x = explain(loadScenario('scenarios/baseline-2025.yaml', ROOT), loadScenario('grid.yaml', dir), {
      cwd: ROOT,
      draws: 1,
    });
    expect(x.diffs.map((d) => d.pointer)).toEqual([
      '/planner/lead_times/grid/median_years',
      '/planner/lead_times/grid/p90_years',
    ]);
    expect(x.total.first_year).toBe(0);
    expect(x.measures.what_if.first_wall).toBe(x.measures.base.first_wall);
    expect(x.why[0]).toMatch(/^The first wall stays /);
    const m = x.why
      .map((w) =>
        /^\/planner\/lead_times\/grid\/\{median_years,p90_years\}: grid connection orders placed from (\S+) land from (\S+) \(base\) and from (\S+) \(what-if\), after the (\S+) crossing under both lead times, so they cannot move the first wall\.$/.exec(
          w,
        ),
      )
      .find((r) => r !== null);
    expect(m, x.why.join('\n')).toBeDefined();
    const [placed, landsBase, landsWhatIf, crossing] = m!.slice(1).map(Number);
    expect(placed).toBeLessThanOrEqual(crossing);
    expect(landsBase).toBeGreaterThan(crossing);
    expect(landsWhatIf).toBeGreaterThan(landsBase); // the doubled lead time on the same draw lands later
  });
});

// --- properties ---------------------------------------------------------------------------------

const key = fc.constantFrom('a', 'b', 'c', 'd/e', 'f~g');
const leaf = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('x', 'y'),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, leaf, tie('tree')), { maxKeys: 4 }),
}));

describe('properties', () => {
  test.prop([tree, tree], { numRuns: 200 })(
    'applying every differing input to the base gives a document with no difference from the what-if',
    (a, b) => {
      let doc = a as Record<string, unknown>;
      for (const d of scenarioDiff(a, b)) doc = withValue(doc, d.pointer, d.what_if);
      expect(scenarioDiff(doc, b)).toEqual([]);
      expect(scenarioDiff(a, a)).toEqual([]);
    },
  );
  test.prop(
    [
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 5 }),
      fc.double({ min: -3, max: 3, noNaN: true }),
    ],
    { numRuns: 100 },
  )('single effects plus the interaction add up to the all-together effect', (singles, total) => {
    const e = (v: number): Effect => ({ first_year: v, log_headroom: { '2030/power': v } });
    const inter = interaction(e(total), singles.map(e));
    const sum = singles.reduce((a, v) => a + v, 0);
    expect(inter.first_year + sum).toBeCloseTo(total, 9);
    expect(inter.log_headroom['2030/power'] + sum).toBeCloseTo(total, 9);
  });
});

// --- goldens of the terminal pages, on hand-built values ---------------------------------------

const effect = (first_year: number, f: Record<string, number>): Effect => ({
  first_year,
  log_headroom: Object.fromEntries([...WALLS, 'achievable'].map((w) => [`2028/${w}`, Math.log10(f[w] ?? 1)])),
});

/** A hand-built explanation: the grid lead time doubled delays power by a year and halves its 2028
 * headroom; an HBM supply cut moves memory; one input could not run alone. */
const HAND: Explanation = {
  base: { name: 'base', file: 'scenarios/base.yaml' },
  what_if: { name: 'what-if', file: 'what-if.yaml' },
  seeds: [2025, 11, 12],
  years: [2028],
  diffs: [
    { pointer: '/planner/lead_times/grid/median_years', base: 5, what_if: 10 },
    { pointer: '/memory/hbm_supply_tb_per_year', base: undefined, what_if: 5e4, base_default: 1e5 },
    { pointer: '/events', base: [], what_if: [{ year: 2027, kind: 'site_outage', site: 'b' }] },
  ],
  measures: {
    base: { first_wall: 'power', first_wall_share: 1, first_year: 2028, no_wall_draws: 0, log_headroom: {} },
    what_if: { first_wall: 'memory', first_wall_share: 2 / 3, first_year: 2027, no_wall_draws: 0, log_headroom: {} },
  },
  singles: [
    { pointer: '/planner/lead_times/grid/median_years', effect: effect(0, { power: 0.5, achievable: 0.5 }) },
    { pointer: '/memory/hbm_supply_tb_per_year', effect: effect(-1, { memory: 0.25 }) },
    { pointer: '/events', effect: null, problem: '/events/0/site: no site named b' },
  ],
  total: effect(-1, { power: 0.5, memory: 0.25, achievable: 0.4 }),
  interaction: effect(0, { achievable: 0.8 }),
  why: [
    'The first wall moves from power 2028 to memory 2027 (-1.00 yr on average over the draws): /memory/hbm_supply_tb_per_year -1.00 yr.',
  ],
};

describe('goldens', () => {
  test('the explain page', () => {
    expectGolden(explanationText(HAND), golden('explain.txt'), TEST_FILE);
  });
  test('the run page of the fixture: tables, buildouts and events per step, why the first wall binds', () => {
    const r = baseline();
    r.explanation = explanation(r);
    expectGolden(runText(r), golden('run.txt'), TEST_FILE);
  });
});
