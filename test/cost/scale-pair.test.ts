// The scale-up vs scale-out pair: the same target run on 8-GPU HGX nodes and on 72-GPU NVL72
// racks. The walls that should move do: communication per step, exposed time, rack power and
// cooling technology, PUE, power headroom, and cost.
import { describe, expect, test } from 'vitest';
import { run } from './helpers.ts';

describe('scale-out-hgx vs scale-up-nvl72', () => {
  const out = run('scenarios/scale-out-hgx.yaml');
  const up = run('scenarios/scale-up-nvl72.yaml');
  test('same target run every step', () => {
    expect(up.steps.map((s) => s.algorithms.effective_target_flop)).toEqual(
      out.steps.map((s) => s.algorithms.effective_target_flop),
    );
  });
  test('the NVL72 domain cuts communication per step and exposes less of it', () => {
    const [a, b] = [out.steps[0].quantities, up.steps[0].quantities];
    expect(b.comm_time_per_step_s).toBeLessThan(a.comm_time_per_step_s / 2);
    // with the DeepSeek-V3 family's batch law (~107M tokens per step at 1.5e26 FLOP) overlap hides the
    // 2025 step's communication on both designs; NVL72 never exposes more
    expect(b.exposed_comm_fraction).toBeLessThanOrEqual(a.exposed_comm_fraction);
    expect(up.steps[0].walls.network.headroom).toBeGreaterThan(out.steps[0].walls.network.headroom);
  });
  test('rack power 28.6 kW on air vs 120 kW on direct liquid, with a lower PUE and more power headroom', () => {
    expect(out.steps[0].sites[0]).toMatchObject({ rack_kw: 28.6, cooling_technology: 'air', stranded_gpus: 0 });
    expect(up.steps[0].sites[0]).toMatchObject({ rack_kw: 120, cooling_technology: 'direct_liquid', stranded_gpus: 0 });
    expect(up.steps[0].quantities.pue).toBeLessThan(out.steps[0].quantities.pue);
    expect(up.steps[0].walls.power.headroom).toBeGreaterThan(out.steps[0].walls.power.headroom);
  });
  test('the energy share of the run cost is lower on the liquid-cooled, lower-PUE design', () => {
    expect(up.steps[0].cost!.run.energy_share).toBeLessThan(out.steps[0].cost!.run.energy_share);
  });
});
