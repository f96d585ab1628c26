// Whole runs: every shipped scenario conforms to the result schema, is deterministic, keeps the
// energy balance, and shows its planner orders and scripted events.
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import { resultValidator } from '../../src/result/schema.ts';
import type { RunResult } from '../../src/result/types.ts';
import { WALLS } from '../../src/walls/registry.ts';
import { expectEnergyBalance } from './energy-balance.ts';

const scenarios = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const results = new Map<string, RunResult>(scenarios.map((f) => [f, loadAndRun(`scenarios/${f}`)]));

describe.each(scenarios)('%s', (name) => {
  const r = results.get(name)!;
  test('the result conforms to schemas/result.schema.json, with no NaN or Infinity', () => {
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/NaN|Infinity|null,"headroom"/);
    const validate = resultValidator();
    expect(validate(JSON.parse(json)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });
  test('energy balance: facility = IT x PUE per site, facility <= available power, heat = IT', () => {
    expectEnergyBalance(r);
    for (const s of r.steps)
      expect(s.quantities.facility_mw).toBeCloseTo(
        s.sites.reduce((a, x) => a + x.facility_mw, 0),
        6,
      );
  });
  test('the achievable run never exceeds any wall’s own permit', () => {
    for (const st of r.steps)
      for (const w of WALLS)
        expect(st.achievable.flop, `${st.year} ${w}`).toBeLessThanOrEqual(st.walls[w].permitted_flop * (1 + 1e-9));
  });
  test('the binding constraint is active, and the first wall is the binding one where the run first falls short', () => {
    for (const st of r.steps) {
      const a = st.achievable;
      if (a.active.length > 0) expect(a.binding).toBe(a.active[0].wall);
      for (let i = 1; i < a.active.length; i++)
        expect(a.active[i].elasticity).toBeLessThanOrEqual(a.active[i - 1].elasticity);
    }
    const short = r.steps.find((st) => st.achievable.headroom < 1);
    expect(r.first_wall?.year ?? null).toBe(short?.year ?? null);
    if (short) expect(r.first_wall?.wall).toBe(short.achievable.binding);
  });
  test('algorithms are a multiplier, never a wall: effective compute = achievable x achieved gain', () => {
    for (const st of r.steps) {
      expect(st.walls).not.toHaveProperty('algorithms');
      expect(st.algorithms.effective_flop).toBeCloseTo(st.achievable.flop * st.algorithms.achieved_gain, -10);
      expect(st.algorithms.effective_target_flop).toBeCloseTo(st.target_flop * st.algorithms.assumed_gain, -10);
    }
  });
});

describe('determinism and provenance', () => {
  test('same scenario and seed give byte-identical JSON', () => {
    const a = JSON.stringify(loadAndRun('scenarios/baseline-2025.yaml'));
    const b = JSON.stringify(loadAndRun('scenarios/baseline-2025.yaml'));
    expect(a).toBe(b);
  });
  test('the seed drives the lead times: another seed lands buildouts at other times', () => {
    const a = loadAndRun('scenarios/baseline-2025.yaml', { seed: 1 });
    const b = loadAndRun('scenarios/baseline-2025.yaml', { seed: 2 });
    expect(a.scenario.seed).toBe(1);
    expect(a.buildouts.map((x) => x.lands_at)).not.toEqual(b.buildouts.map((x) => x.lands_at));
  });
  test('provenance names the scenario hash, the seed, the version and the calibration', () => {
    const r = results.get('baseline-2025.yaml')!;
    expect(r.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.firstwall_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.workload).toMatchObject({
      source: 'calibration',
      calibration_file: 'scenarios/calibrations/micro-moe-default.json',
      network: 'simulated',
      family: { name: 'deepseek-v3', kind: 'moe' },
      router: { learned_skew: { used: 'sourced' } },
    });
  });
});

describe('planner and events', () => {
  const r = results.get('baseline-2025.yaml')!;
  test('the planner orders GPUs, power and cooling, each landing after its lead time', () => {
    const kinds = new Set(r.buildouts.map((b) => b.kind));
    for (const k of ['gpu_delivery', 'grid_connection', 'cooling_expansion']) expect(kinds).toContain(k);
    for (const b of r.buildouts) expect(b.lands_at!).toBeGreaterThanOrEqual(b.ordered_at);
    const grid = r.buildouts.filter((b) => b.kind === 'grid_connection');
    // median 5-year grid queue (LBNL 2024): every grid order takes more than a year
    for (const b of grid) expect(b.lands_at! - b.ordered_at).toBeGreaterThan(1);
  });
  test('scripted events land at their times and say what they did', () => {
    expect(r.events).toContainEqual({
      at: 2026.5,
      kind: 'grid_connection',
      site: 'campus-b',
      label: 'Abilene to 1.2 GW',
      effect: 'grid +600 MW at campus-b',
    });
  });
  test('an event raises available power from its time on', () => {
    const before = r.steps.find((s) => s.year === 2025)!.quantities.available_power_mw;
    const after = r.steps.find((s) => s.year === 2026)!.quantities.available_power_mw;
    expect(after).toBeGreaterThanOrEqual(before + 150 + 360);
  });
});

describe('purchases say what capped them', () => {
  test('baseline-2025: HBM supply caps 2025 purchases, each within one review of supply', () => {
    const r = results.get('baseline-2025.yaml')!;
    const early = r.purchases.filter((x) => x.at < 2026);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((x) => x.limited_by === 'HBM supply')).toBe(true);
    // one review's HBM supply: 48,000 TB/yr x 1.6^(t - 2025) x 0.25 yr / 180 GB per B200 (66,667 in 2025.0)
    for (const x of early)
      expect(x.bought).toBeLessThanOrEqual((48_000e12 * Math.pow(1.6, x.at - 2025) * 0.25) / 180e9);
  });
});
