// Whole runs: every shipped scenario conforms to the result schema, is deterministic, keeps the
// energy balance, and shows its planner orders and scripted events.
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import { resultValidator } from '../../src/result/schema.ts';
import type { RunResult } from '../../src/result/types.ts';
import { WALLS } from '../../src/result/walls.ts';
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
  test('the binding wall has the least headroom at every step', () => {
    for (const s of r.steps)
      for (const w of WALLS) expect(s.walls[s.binding].headroom).toBeLessThanOrEqual(s.walls[w].headroom);
  });
  test('memory and network never permit more than compute (they lower effective FLOP/s)', () => {
    for (const s of r.steps) {
      expect(s.walls.memory.permitted_flop).toBeLessThanOrEqual(s.walls.compute.permitted_flop * (1 + 1e-12));
      expect(s.walls.network.permitted_flop).toBeLessThanOrEqual(s.walls.memory.permitted_flop * (1 + 1e-12));
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
    expect(r.workload).toEqual({
      source: 'calibration',
      calibration_file: 'scenarios/calibrations/micro-moe-default.json',
    });
  });
});

describe('planner and events', () => {
  const r = results.get('baseline-2025.yaml')!;
  test('the planner orders GPUs, power and cooling, each landing after its lead time', () => {
    const kinds = new Set(r.buildouts.map((b) => b.kind));
    for (const k of ['gpu_delivery', 'grid_connection', 'cooling_expansion']) expect(kinds).toContain(k);
    for (const b of r.buildouts) expect(b.lands_at).toBeGreaterThanOrEqual(b.ordered_at);
    const grid = r.buildouts.filter((b) => b.kind === 'grid_connection');
    // median 5-year grid queue (LBNL 2024): every grid order takes more than a year
    for (const b of grid) expect(b.lands_at - b.ordered_at).toBeGreaterThan(1);
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

describe('held-back GPUs are visible', () => {
  test('baseline-2025 lists the GPUs HBM supply held back, each within one review of GPU supply', () => {
    const r = results.get('baseline-2025.yaml')!;
    const hbm = (r.held_back ?? []).filter((h) => h.reason === 'hbm');
    expect(hbm.length).toBeGreaterThan(0);
    // one review's GPU supply in 2025: 400,000/yr x 0.25 yr = 100,000
    for (const h of hbm.filter((x) => x.at < 2026)) expect(h.amount).toBeLessThanOrEqual(100_000);
  });
});
