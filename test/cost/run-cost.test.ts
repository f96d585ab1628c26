// The cost, inference and fleet fields runScenario adds: finite everywhere, the run's cost matches
// the hand formula from the step's own quantities, price spikes and site prices reach the energy
// bill, and a site moved beyond the latency radius drops out of the real-time capacity.
import { describe, expect, test } from 'vitest';
import { HOURS_PER_YEAR } from '../../src/params/units.ts';
import { energyPriceFactor } from '../../src/cost/prices.ts';
import { normalize } from '../../src/params/params.ts';
import { runScenario } from '../../src/model/run.ts';
import { loadScenario, type LoadedScenario } from '../../src/scenario/load.ts';
import { nonFinite, run } from './helpers.ts';

const FILES = [
  'scenarios/baseline-2025.yaml',
  'scenarios/scale-out-hgx.yaml',
  'scenarios/scale-up-nvl72.yaml',
  'scenarios/fleet-us-2030.yaml',
];

function withScenario(file: string, edit: (s: LoadedScenario['scenario']) => void): LoadedScenario {
  const l = loadScenario(file);
  const scenario = structuredClone(l.scenario);
  edit(scenario);
  return { ...l, scenario };
}

describe('result fields stay finite', () => {
  test.each(FILES)('%s: every cost, inference and fleet number is finite', (file) => {
    const r = run(file);
    expect(r.steps.every((s) => s.cost && s.inference)).toBe(true);
    expect(nonFinite(r)).toEqual([]);
  });
});

describe('run cost', () => {
  test('matches the hand formula from the step (scale-out-hgx-air, first step)', () => {
    const r = run('scenarios/scale-out-hgx-air.yaml');
    const s = r.steps[0];
    const q = s.quantities;
    const seconds = s.training_days * 86_400;
    const gpus = s.target_flop / ((q.effective_flop_per_s / q.gpus_installed) * seconds);
    const years = seconds / (HOURS_PER_YEAR * 3600);
    const hw = gpus * 40_000 * (1 + 0.66 + 0.39); // the default server and network shares (Cottier et al. 2024)
    const itMw = (gpus * 26.6667e3) / 16 / 1e6;
    const energy = itMw * q.pue * years * HOURS_PER_YEAR * 66;
    const total = (hw / 5) * years + ((itMw * 10e6) / 20) * years + hw * 0.05 * years + energy;
    const c = s.cost!.run;
    expect(c.gpus).toBeCloseTo(gpus, 6);
    expect(c.energy_usd).toBeCloseTo(energy, 2);
    expect(c.total_usd / total).toBeCloseTo(1, 12);
    expect(c.usd_per_effective_flop).toBeCloseTo(c.total_usd / s.algorithms.effective_target_flop, 30);
  });

  test('a price spike multiplies the energy price while it lasts', () => {
    const spiked = withScenario('scenarios/scale-out-hgx.yaml', (s) => {
      s.events = [{ at: 2026, kind: 'price_spike', payload: { factor: 3, duration_years: 2 } }];
    });
    const p = normalize(spiked.scenario);
    expect([2025, 2026, 2027, 2028].map((t) => energyPriceFactor(p, t))).toEqual([1, 3, 3, 1]);
    const base = run('scenarios/scale-out-hgx.yaml').steps;
    const r = runScenario(spiked).steps;
    expect(r[1].cost!.run.energy_price_usd_per_mwh).toBeCloseTo(3 * base[1].cost!.run.energy_price_usd_per_mwh, 9);
    expect(r[1].cost!.run.energy_share).toBeGreaterThan(base[1].cost!.run.energy_share);
    expect(r[3].cost!.run.energy_price_usd_per_mwh).toBeCloseTo(base[3].cost!.run.energy_price_usd_per_mwh, 9);
  });

  test('energy is 2-8% of the run cost in 2025 (Cottier et al. 2024 put energy at 2-6% of frontier training cost; R)', () => {
    for (const f of FILES) {
      const share = run(f).steps[0].cost!.run.energy_share;
      expect(share).toBeGreaterThan(0.02);
      expect(share).toBeLessThan(0.08);
    }
  });
});

describe('inference siting in a run', () => {
  test('baseline: users at campus-a reach both campuses (300 km < 1,939 km radius)', () => {
    const i = run('scenarios/baseline-2025.yaml').steps[0].inference!;
    expect(i.users[0].sites_in_reach).toEqual(['campus-a', 'campus-b']);
    expect(i.headroom).toBeCloseTo(1 / 0.5, 9);
  });
  test('users 2,500 km from campus-b lose it; 1,500 km restores it', () => {
    const at = (km: number) =>
      runScenario(
        withScenario('scenarios/baseline-2025.yaml', (s) => {
          s.inference = { ...s.inference, users: [{ name: 'metro', distance_km: { 'campus-a': 50, 'campus-b': km } }] };
        }),
      ).steps[0].inference!;
    const far = at(2500),
      near = at(1500);
    expect(far.users[0].sites_in_reach).toEqual(['campus-a']);
    expect(near.users[0].sites_in_reach).toEqual(['campus-a', 'campus-b']);
    expect(near.servable_gpus).toBeGreaterThan(far.servable_gpus);
    expect(far.headroom).toBeLessThan(near.headroom);
  });
  test('an unknown site name in inference.users is an input error', () => {
    const bad = withScenario('scenarios/baseline-2025.yaml', (s) => {
      s.inference = { ...s.inference, users: [{ name: 'x', distance_km: { nowhere: 1 } }] };
    });
    expect(() => runScenario(bad)).toThrow(/unknown site "nowhere"/);
  });
});
