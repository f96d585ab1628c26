// The coupled solve on a two-site toy world, worked by hand: site A has 1,000 accelerators (1 kW IT
// each, 1 PF/s sustained), 1.2 MW of power at PUE 1.2 (1 MW of IT) and 0.8 MW of plant, so its
// plant runs 800 of them; site B runs all its 500. One site alone trains at full communication
// efficiency; spanning both costs 10% (the inter-site link).
import { describe, expect, test } from 'vitest';
import { newSolveScratch, solve, solvedFlop } from '../../src/datacenter/achievable.ts';
import type { RunShape } from '../../src/datacenter/run-shape.ts';
import type { SolveContext } from '../../src/datacenter/solve-context.ts';
import { activeConstraints, capWall, elasticities } from '../../src/datacenter/elasticity.ts';
import type { GenerationFrame, SiteFrame } from '../../src/datacenter/frame.ts';
import { AS_BUILT } from '../../src/datacenter/operate.ts';
import { H100 } from '../walls/fixtures.ts';

const gen = (count: number): GenerationFrame => ({
  acc: H100,
  count,
  it_w: 1000,
  rack_kw: 20,
  compute_flop_per_s: 1e15,
  bandwidth_flop_per_s: 1e16,
  hbm_elasticity: null,
});

const site = (name: string, count: number, mw: number, plant: number, km: number): SiteFrame => ({
  name,
  gens: [gen(count)],
  available_mw: mw,
  pue: 1.2,
  cooling_mw: plant,
  max_kw_per_rack: 30,
  distance_km: km,
});

const ctx = (over: Partial<SolveContext> = {}): SolveContext => ({
  sites: [site('A', 1000, 1.2, 0.8, 0), site('B', 500, 10, 10, 300)],
  training_seconds: 1e6,
  run_share: 1,
  comm_efficiency: (run) => (run.sites > 1 ? 0.9 : 1),
  data_flop: () => 1e30,
  network_flop: () => 1e30,
  ...over,
});

const attribution = {
  accelerators: { wall: 'compute', limited_by: 'accelerator supply' },
  network_limited_by: 'inter-site link (2 sites)',
  stranded_gpus: 0,
};

describe('coupled solve (two-site toy)', () => {
  test('A runs 800 (its plant binds), B 500; spanning both (1,300 x 1e15 x 0.9 x 1e6 = 1.17e24) beats A alone (8e23)', () => {
    const s = solve(ctx(), AS_BUILT);
    expect(s.ops[0].running[0]).toBeCloseTo(800, 9);
    expect(s.ops[0].limited_by).toBe('cooling');
    expect(s.ops[1].running[0]).toBe(500);
    expect(s.flop).toBeCloseTo(1.17e24, -12);
    expect(s.single_site_flop).toBeCloseTo(8e23, -12);
    expect(s.sites_used).toBe(2);
    expect(s.capped_by).toBe('fleet');
  });
  test('elasticities: plant 800/1300 = 0.615, accelerators 500/1300 = 0.385 (A cannot cool more), power 0', () => {
    const base = solve(ctx(), AS_BUILT);
    const e = elasticities(ctx(), base);
    expect(e.cooling).toBeCloseTo(800 / 1300, 6);
    expect(e.accelerators).toBeCloseTo(500 / 1300, 6);
    expect(e.power).toBe(0);
    expect(e.data).toBe(0);
    const active = activeConstraints(e, attribution);
    expect(active.map((a) => a.wall)).toEqual(['cooling', 'compute']);
  });
  test('a data wall below the fleet caps the run, with elasticity 2 (C = 6 D^2 / r)', () => {
    const data = ctx({ data_flop: (s) => 1e24 * s * s });
    const base = solve(data, AS_BUILT);
    expect(base.flop).toBe(1e24);
    expect(base.capped_by).toBe('data');
    const e = elasticities(data, base);
    expect(e.data).toBeCloseTo(2, 3);
    expect(activeConstraints(e, attribution)[0].wall).toBe('data');
  });
  test('the run never exceeds any cap, and more of any resource never lowers it', () => {
    const base = solve(ctx(), AS_BUILT);
    for (const r of ['accelerators', 'hbm_bandwidth', 'power', 'cooling', 'network', 'data'] as const) {
      expect(solve(ctx(), { ...AS_BUILT, [r]: 2 }).flop).toBeGreaterThanOrEqual(base.flop);
    }
    expect(base.flop).toBeLessThanOrEqual(Math.min(base.fleet_flop, 1e30));
  });
});

describe('a perturbed solve that reuses the base solve', () => {
  // Elasticities pass the base solution; every reused piece must give what a fresh solve gives.
  const data = ctx({ data_flop: (s) => 1.1e24 * s * s, network_flop: (s) => 1.2e24 * s });
  const scales = [
    AS_BUILT,
    { ...AS_BUILT, network: 1.01 },
    { ...AS_BUILT, network: 0.99 },
    { ...AS_BUILT, data: 1.01 },
    { ...AS_BUILT, power: 0.99 },
    { ...AS_BUILT, cooling: 1.01 },
    { ...AS_BUILT, accelerators: 1.01 },
    { ...AS_BUILT, stranded_cooled: 0.01 },
  ];
  test.each(scales)('at %o it equals a fresh solve', (s) => {
    const base = solve(data, AS_BUILT);
    const fresh = solve(data, s);
    const reused = solve(data, s, base);
    for (const k of ['flop', 'single_site_flop', 'sites_used', 'gpus', 'flop_per_s', 'comm_efficiency'] as const)
      expect(reused[k], k).toBe(fresh[k]);
    expect(reused.capped_by).toBe(fresh.capped_by);
    expect(reused.ops).toEqual(fresh.ops);
    expect(reused.run).toEqual(fresh.run);
  });
  test('the network and data perturbations reuse the base fleet; others solve it again', () => {
    const base = solve(data, AS_BUILT);
    expect(solve(data, { ...AS_BUILT, network: 1.01 }, base).ops).toBe(base.ops);
    expect(solve(data, { ...AS_BUILT, data: 1.01 }, base).span).toBe(base.span);
    expect(solve(data, { ...AS_BUILT, network: 1.01 }, base).span).not.toBe(base.span);
    expect(solve(data, { ...AS_BUILT, power: 1.01 }, base).ops).not.toBe(base.ops);
  });
});

describe('a run of zero FLOP says why it is zero (no elasticity exists there)', () => {
  // 1,000 accelerators in 40 kW racks: too hot for A's 30 kW (air) limit, so none runs
  const hot = (over: Partial<SiteFrame> = {}): SiteFrame => ({
    ...site('A', 1000, 1.2, 0.8, 0),
    gens: [{ ...gen(1000), rack_kw: 40 }],
    ...over,
  });
  const zero = (sites: SiteFrame[], stranded: number) => {
    const s = solve(ctx({ sites }), AS_BUILT);
    expect(s.flop).toBe(0);
    const e = elasticities(ctx({ sites }), s);
    expect(activeConstraints(e, { ...attribution, stranded_gpus: stranded })).toEqual([]);
    return capWall(s, { ...attribution, stranded_gpus: stranded });
  };
  test('every rack too hot for its site: cooling, rack density, with the stranded count', () => {
    expect(zero([hot()], 1000)).toEqual({ wall: 'cooling', limited_by: 'rack density (1000 accelerators stranded)' });
  });
  test('racks that fit but no power in service: power', () => {
    expect(zero([site('A', 1000, 0, 0.8, 0)], 0)).toEqual({ wall: 'power', limited_by: 'facility MW in service' });
  });
  test('racks that fit and power but no heat-rejection plant: cooling, plant', () => {
    expect(zero([site('A', 1000, 1.2, 0, 0)], 0)).toEqual({ wall: 'cooling', limited_by: 'heat-rejection capacity' });
  });
  test('no accelerator on any site: what stands for more accelerators (the purchases’ cap)', () => {
    expect(zero([site('A', 0, 1.2, 0.8, 0)], 0)).toEqual(attribution.accelerators);
  });
  test('a run above zero keeps the purchases’ cap when no resource is elastic', () => {
    const s = solve(ctx(), AS_BUILT);
    expect(s.flop).toBeGreaterThan(0);
    expect(capWall(s, attribution)).toEqual(attribution.accelerators);
  });
});

describe('a base solve refilled from a scratch (one per run)', () => {
  /** A solution's figures and its sites' operations, without the objects it was built in. */
  const figures = (s: ReturnType<typeof solve>) => ({
    ...s,
    ops: s.ops.map((o) => ({ ...o, running: [...o.running] })),
    site_runs: s.site_runs.map((r) => ({
      ...r,
      accs: r.accs.slice(0, r.n_accs),
      acc_counts: r.acc_counts.slice(0, r.n_accs),
    })),
    span: null,
    run: { ...s.run },
  });

  test('equals a fresh solve, step after step, as sites, generations and counts change', () => {
    const scratch = newSolveScratch();
    const worlds: SiteFrame[][] = [
      [site('A', 1000, 1.2, 0.8, 0), site('B', 500, 10, 10, 300)],
      [site('A', 1200, 1.2, 0.8, 0), site('B', 0, 10, 10, 300), site('C', 300, 1, 1, 50)],
      [{ ...site('A', 100, 5, 5, 0), gens: [gen(100), { ...gen(50), acc: { ...H100, name: 'B200' }, it_w: 2000 }] }],
      [site('A', 10, 0, 0, 0), site('B', 20, 10, 10, 300)],
      [site('A', 1000, 1.2, 0.8, 0), site('B', 500, 10, 10, 300)],
    ];
    for (const sites of worlds) {
      const c = ctx({ sites });
      const kept = solve(c, AS_BUILT, undefined, scratch);
      const fresh = solve(c, AS_BUILT);
      expect(figures(kept)).toEqual(figures(fresh));
      expect(kept.ops).toHaveLength(sites.length);
      // and the elasticities read from it are the fresh solution's
      expect(elasticities(c, kept)).toEqual(elasticities(c, fresh));
    }
  });
});

describe('the spans a solve tries are kept for its network perturbations (the fleet as it runs)', () => {
  // communication that reads every field of the run and the network scale, so a span kept with a
  // stale or wrong field, or a scale left in it, would change the answer
  const commOf = (run: RunShape, scale: number): number =>
    1 /
    (1 +
      (run.sites - 1) * 0.05 +
      (run.distance_km * 1e-4 + run.gpus * 1e-5 + run.flop_per_s_per_gpu * 1e-18) / scale +
      1e9 / (run.scale_out_bytes_per_s + run.scale_up_bytes_per_s + run.hbm_bytes_per_gpu) / scale +
      run.scale_up_domain_gpus * 1e-4 +
      (run.accelerator === null ? 0 : 0.01));
  const worlds: SiteFrame[][] = [
    [site('A', 1000, 1.2, 0.8, 0), site('B', 500, 10, 10, 300), site('C', 700, 2, 2, 900)],
    [site('A', 1200, 1.2, 0.8, 0), site('B', 0, 10, 10, 300), site('C', 300, 1, 1, 50)],
    [site('A', 10, 0, 0, 0), site('B', 20, 10, 10, 300)],
    [{ ...site('A', 100, 5, 5, 0), gens: [gen(100), { ...gen(50), acc: { ...H100, name: 'B200' }, it_w: 2000 }] }],
  ];
  const network = [1.01, 0.99, 1.5];
  test('a network perturbation of a kept base equals a fresh solve at its scale, step after step', () => {
    const scratch = newSolveScratch();
    for (const sites of worlds) {
      const c = ctx({ sites, comm_efficiency: commOf, run_share: 0.7 });
      const kept = solve(c, AS_BUILT, undefined, scratch);
      for (const n of network) {
        const s = { ...AS_BUILT, network: n };
        const fresh = solve(c, s);
        const reused = solve(c, s, kept);
        for (const k of ['flop', 'single_site_flop', 'sites_used', 'gpus', 'flop_per_s', 'comm_efficiency'] as const)
          expect(reused[k], k).toBe(fresh[k]);
        expect(reused.run).toEqual(fresh.run);
        expect(solvedFlop(c, s, kept)).toBe(fresh.flop);
        // the spans are the base's, not filled again
        expect(reused.span.prefix).toBe(kept.span.prefix);
      }
      // a perturbation of the fleet fills its own spans (and leaves the base's as they were)
      const before = kept.span.prefix!.shapes.slice(0, kept.span.prefix!.n).map((r) => ({ ...r }));
      const power = { ...AS_BUILT, power: 0.99 };
      expect(solve(c, power, kept).span.prefix).not.toBe(kept.span.prefix);
      expect(solvedFlop(c, power, kept)).toBe(solve(c, power).flop);
      expect(kept.span.prefix!.shapes.slice(0, kept.span.prefix!.n).map((r) => ({ ...r }))).toEqual(before);
      expect(elasticities(c, kept)).toEqual(elasticities(c, solve(c, AS_BUILT)));
    }
  });
  test('a scratch refilled by the next step holds that step’s spans, not the last one’s', () => {
    const scratch = newSolveScratch();
    const big = ctx({ sites: worlds[0], comm_efficiency: commOf });
    const small = ctx({ sites: worlds[2], comm_efficiency: commOf });
    const first = solve(big, AS_BUILT, undefined, scratch);
    expect(first.span.prefix!.n).toBe(3);
    const next = solve(small, AS_BUILT, undefined, scratch);
    expect(next.span.prefix!.n).toBe(1); // site A has no power: one running site
    expect(solvedFlop(small, { ...AS_BUILT, network: 1.01 }, next)).toBe(
      solve(small, { ...AS_BUILT, network: 1.01 }).flop,
    );
  });
});
