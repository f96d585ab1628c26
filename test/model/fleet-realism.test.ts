// The fleet the walls see is the fleet that can run: GPUs without power change no wall's
// efficiency, and the planner does not buy GPUs the sites could never power.
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import { itWattsPerGpu, normalize } from '../../src/params/params.ts';

const single = loadScenario('test/fixtures/model/single-site.yaml');

function withDelivery(count: number) {
  const scenario = structuredClone(single.scenario);
  scenario.sites[0].max_grid_mw = scenario.sites[0].grid_mw; // no more power, ever
  scenario.compute = { ...scenario.compute, gpu_supply_per_year: 0 };
  scenario.events = count
    ? [{ at: 2026, kind: 'gpu_delivery', site: 'only', payload: { accelerator: 'H100', count } }]
    : [];
  return runScenario({ ...single, scenario });
}

describe('unpowered GPUs', () => {
  test('a million H100s with no power to run them leave the power and cooling walls and the network efficiency unchanged', () => {
    const a = withDelivery(0);
    const b = withDelivery(1_000_000);
    // compare while the installed H100s are in service (they retire after 5 years, in 2030)
    a.steps
      .filter((s) => s.year < 2030)
      .forEach((s, i) => {
        for (const w of ['power', 'cooling'] as const) {
          expect(b.steps[i].walls[w].permitted_flop / s.walls[w].permitted_flop).toBeCloseTo(1, 9);
        }
        expect(b.steps[i].quantities.exposed_comm_fraction).toBeCloseTo(s.quantities.exposed_comm_fraction, 12);
        expect(b.steps[i].quantities.gpus_for_run).toBeCloseTo(s.quantities.gpus_for_run, 6);
      });
    // ... while the compute wall, which asks what the installed GPUs alone permit, does grow
    const at2029 = (r: typeof a) => r.steps.find((s) => s.year === 2029)!.walls.compute.permitted_flop;
    expect(at2029(b) / at2029(a)).toBeCloseTo(11, 9); // 1.1M H100s against 100k
  });
});

describe('planner purchases', () => {
  test('baseline-2025 never installs more GPUs than its sites (and the campuses it may acquire) could ever power', () => {
    const loaded = loadScenario('scenarios/baseline-2025.yaml');
    const p = normalize(loaded.scenario);
    const events = p.events
      .filter((e) => e.kind === 'grid_connection' || e.kind === 'onsite_generation')
      .reduce((a, e) => a + Number((e.payload as { mw: number }).mw), 0);
    const n = p.planner.new_sites;
    const acquirable = Math.min(n.max_sites, p.planner.region_caps[n.region] ?? Infinity) * n.max_grid_mw;
    const reachable = p.sites.reduce((a, s) => a + s.max_grid_mw + s.max_onsite_generation_mw, 0) + events + acquirable;
    const bestPue = Math.min(...Object.values(p.cooling.technologies).map((t) => t.pue));
    for (const s of loadAndRun('scenarios/baseline-2025.yaml').steps) {
      const mw = Object.entries(s.quantities.gpus_by_generation).reduce(
        (a, [name, n]) => a + (n * itWattsPerGpu(p.hardware_by_name.get(name)!, p) * bestPue) / 1e6,
        0,
      );
      expect(mw).toBeLessThanOrEqual(reachable * 1.05);
    }
  });
});
