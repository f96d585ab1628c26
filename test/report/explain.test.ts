// `firstwall explain`: the differing inputs resolved through extends; the decomposition (one at a
// time, all together, interaction) on a hand-built pair whose answer is known; the why sentence
// when a lever changes nothing; the command's JSON and usage errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { scenarioDiff } from '../../src/report/explain/diff.ts';
import { interaction, type Effect } from '../../src/report/explain/attribution.ts';
import { explain, type Explanation } from '../../src/report/explain/explain.ts';
import { covers, kindsTimedBy, wallsReading } from '../../src/report/explain/why.ts';
import { explainCommand } from '../../src/cli/explain.ts';
import { runCli } from '../cli/helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
const at = (f: string) => path.join(dir, f);

// A small scenario on the analytic route (no calibration, closed-form network): one site, one
// generation, 2025-2030, an effective token stock of 1e14 and no synthetic data. The MFU is stated:
// a derived one (the step model's plan for the run) changes with the target's size, and the known
// answer below is for walls that scale with the target.
const BASE = `name: pair-base
seed: 7
calibration: analytic
compute: { mfu: 0.4 }
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
// Half the target run and four times the token stock. The data wall's permit is C = 6 D^2 / r,
// independent of the target: halving the target doubles its headroom, 4x the stock multiplies it by
// 16, both by 32, with no interaction, at every year. At the start year nothing has been built in
// answer to the target yet, so every wall's headroom doubles with the halved target.
const WHAT_IF = `extends: base.yaml
name: pair-what-if
demand: { frontier_run_flop: 5.0e25 }
data: { stock_tokens: 4.0e14 }
`;
// A lever that cannot matter: a cooling-retrofit lead time in a scenario that never orders a retrofit.
const IDLE = `extends: base.yaml
name: pair-idle
planner:
  lead_times:
    cooling_retrofit: { median_years: 3, p90_years: 4 }
`;

let x: Explanation;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'firstwall-explain-'));
  writeFileSync(path.join(dir, 'base.yaml'), BASE);
  writeFileSync(path.join(dir, 'what-if.yaml'), WHAT_IF);
  writeFileSync(path.join(dir, 'idle.yaml'), IDLE);
  x = explain(loadScenario('base.yaml', dir), loadScenario('what-if.yaml', dir), {
    cwd: dir,
    draws: 2,
    years: [2025, 2028],
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const factor = (e: Effect | null, key: string) => Math.pow(10, e!.log_headroom[key]);

describe('the inputs that differ', () => {
  test('are resolved through extends; name and seed are not inputs', () => {
    expect(x.diffs).toEqual([
      { pointer: '/demand/frontier_run_flop', base: 1e26, what_if: 5e25 },
      { pointer: '/data/stock_tokens', base: 1e14, what_if: 4e14 },
    ]);
  });
  test('the shipped what-if against its base: only what it overrides', () => {
    const a = loadScenario('test/fixtures/valid/minimal.yaml', ROOT);
    const b = loadScenario('test/fixtures/valid/whatif.yaml', ROOT);
    expect(scenarioDiff(a.scenario, b.scenario).map((d) => d.pointer)).toEqual(['/demand/growth_per_year']);
  });
});

describe('attribution on a pair with a known answer', () => {
  const [target, stock] = [0, 1];
  test('data wall: the halved target doubles its headroom, 4x the stock multiplies it by 16, together 32, no interaction', () => {
    for (const y of [2025, 2028]) {
      expect(factor(x.singles[target].effect, `${y}/data`)).toBeCloseTo(2, 9);
      expect(factor(x.singles[stock].effect, `${y}/data`)).toBeCloseTo(16, 9);
      expect(factor(x.total, `${y}/data`)).toBeCloseTo(32, 9);
      expect(factor(x.interaction, `${y}/data`)).toBeCloseTo(1, 9);
    }
  });
  test('at the start year the halved target doubles every wall, and the stock moves only the data wall', () => {
    for (const w of ['compute', 'memory', 'network', 'power', 'cooling']) {
      expect(factor(x.singles[target].effect, `2025/${w}`)).toBeCloseTo(2, 9);
      expect(factor(x.singles[stock].effect, `2025/${w}`)).toBeCloseTo(1, 12);
    }
  });
  test('the interaction is what all together leaves after the single effects', () => {
    const single = (v: number): Effect => ({ first_year: v, log_headroom: { k: v } });
    // m = a x + b y + c x y at x, y in {0, 1}: singles a and b, total a + b + c, interaction c
    const [a, b, c] = [0.3, -0.2, 0.05];
    const inter = interaction(single(a + b + c), [single(a), single(b)]);
    expect(inter.first_year).toBeCloseTo(c, 12);
    expect(inter.log_headroom.k).toBeCloseTo(c, 12);
  });
  test('runs every variant on the same seeds: the scenario seed, then common-random-number draws', () => {
    expect(x.seeds[0]).toBe(7);
    expect(x.seeds).toHaveLength(2);
    expect(new Set(x.seeds).size).toBe(2);
  });
});

describe('why', () => {
  test('a lead time whose orders are never placed: said so, nothing attributed', () => {
    const idle = explain(loadScenario('base.yaml', dir), loadScenario('idle.yaml', dir), { cwd: dir, draws: 1 });
    expect(idle.why[0]).toMatch(/^The first wall stays /);
    expect(idle.why).toContain(
      '/planner/lead_times/cooling_retrofit/{median_years,p90_years}: no cooling retrofit order is placed in either run, so that lead time is never drawn.',
    );
    expect(idle.why).toContain('No headroom at the chosen years moves by 1% or more.');
  });
  test('input-to-wall and input-to-order maps', () => {
    expect(covers('/sites/*/grid_mw', '/sites')).toBe(true);
    expect(covers('/sites/*/grid_mw', '/sites/0/grid_mw')).toBe(true);
    expect(covers('/sites/*/grid_mw', '/sites/0/name')).toBe(false);
    expect(covers('/events (data_release)', '/events')).toBe(true);
    expect(wallsReading('/memory/hbm_supply_tb_per_year')).toEqual(['memory']);
    expect(kindsTimedBy('/planner/lead_times/grid/median_years')).toEqual(['grid_connection']);
    expect(kindsTimedBy('/compute/mfu')).toEqual([]);
  });
});

describe('firstwall explain', () => {
  test('--json prints the explanation; the text names the inputs and the interaction', async () => {
    const json = await runCli([
      'explain',
      at('base.yaml'),
      at('what-if.yaml'),
      '--draws',
      '1',
      '--years',
      '2025',
      '--json',
    ]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as Explanation;
    expect(parsed.years).toEqual([2025]);
    expect(parsed.singles.map((s) => s.pointer)).toEqual(['/demand/frontier_run_flop', '/data/stock_tokens']);
    const text = await runCli(['explain', at('base.yaml'), at('what-if.yaml'), '--draws', '1', '--years', '2025']);
    expect(text.stdout).toContain('/data/stock_tokens: 100000000000000 -> 400000000000000');
    expect(text.stdout).toMatch(/^interaction\s/m);
  });
  test('one file, or a bad --draws, is a usage error (exit 2)', async () => {
    expect((await runCli(['explain', at('base.yaml')])).code).toBe(2);
    const bad = await runCli(['explain', at('base.yaml'), at('what-if.yaml'), '--draws', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--draws must be an integer');
  });
  test('is listed with its summary', () => {
    expect(explainCommand.summary).toMatch(/what-if/);
  });
});
