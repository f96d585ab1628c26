import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/engine/rng.ts';
import { DEFAULT_CONFIG, type RouterConfig } from '../../src/moe/config.ts';
import { distinctExperts } from '../../src/moe/formulas.ts';
import { makePlacement } from '../../src/moe/placement.ts';
import { Router } from '../../src/moe/router.ts';
import { summarize } from '../../src/calibrate/router-stats.ts';

const D = 16;
const gaussian = (seed: string, n: number, mean = 0): Float32Array => {
  const r = createRng(seed, 'x');
  return Float32Array.from({ length: n }, () => r.normal(mean, 1));
};
const plain: RouterConfig = {
  ...DEFAULT_CONFIG.router,
  capacity_factor: 0,
  jitter_eps: 0,
  bias_update_rate: 0,
  shortlist: 0,
  backup: false,
  adaptive_k: false,
};

function router(
  cfg: Partial<RouterConfig>,
  opts: { n?: number; k?: number; devices?: number; nodes?: number; m?: number; seed?: string; skew?: number } = {},
): Router {
  const n = opts.n ?? 16,
    devices = opts.devices ?? 8,
    nodes = opts.nodes ?? 2;
  const w = gaussian(`w${opts.seed ?? ''}`, n * D);
  // skew: a large positive bias on expert 0's weights makes every token prefer it (a hot expert)
  if (opts.skew) for (let j = 0; j < D; j++) w[j] += opts.skew;
  const pl = makePlacement(n, { devices, nodes, max_nodes_per_token: opts.m ?? nodes });
  return new Router(D, w, { ...plain, ...cfg }, opts.k ?? 2, pl, createRng('t', 'jitter'));
}

describe('router invariants', () => {
  test.prop(
    [
      fc.double({ min: 0.25, max: 3, noNaN: true }),
      fc.integer({ min: 1, max: 200 }),
      fc.boolean(),
      fc.boolean(),
      fc.integer({ min: 0, max: 6 }),
    ],
    { numRuns: 40 },
  )('capacity ceil(CF·B·K/N) is never exceeded', (cf, rows, backup, twoStage, skew) => {
    const r = router({ capacity_factor: cf, backup, shortlist: twoStage ? 6 : 0 }, { skew });
    const x = gaussian(`x${rows}`, rows * D, 1);
    const st = r.route(x, rows).stats;
    expect(st.capacity).toBe(Math.ceil((cf * rows * 2) / 16));
    expect(Math.max(...st.loads)).toBeLessThanOrEqual(st.capacity);
    expect(st.served + st.drops).toBe(st.requested);
    expect(st.overflow).toBe(st.reroutes + st.drops);
  });

  test.prop([fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 8 })], { numRuns: 30 })(
    'with the backup path, a copy is dropped only when every other expert is full',
    (rows, skew) => {
      // A drop needs all experts but the token's own ≤ 2K−1 full: (N−2K+1)·C < B·K. CF = N/(N−2K+1)
      // (16/13 for N=16, K=2) makes that impossible, so no copy may be dropped.
      const cf = 16 / 13;
      const st = router({ capacity_factor: cf, backup: true }, { skew }).route(
        gaussian(`b${rows}`, rows * D, 1),
        rows,
      ).stats;
      expect(st.drops).toBe(0);
      expect(st.served).toBe(rows * 2);
    },
  );

  it('without the backup path a hot expert overflows and its copies are dropped', () => {
    const st = router({ capacity_factor: 1 }, { skew: 8 }).route(gaussian('hot', 64 * D, 1), 64).stats;
    expect(st.drops).toBeGreaterThan(0);
    expect(st.reroutes).toBe(0);
  });

  test.prop([fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100 }), fc.boolean()], { numRuns: 30 })(
    'node-limited routing never sends a token beyond m nodes',
    (m, rows, backup) => {
      const r = router({ capacity_factor: backup ? 1.25 : 0, backup }, { k: 4, devices: 8, nodes: 4, m });
      const st = r.route(gaussian(`n${rows}`, rows * D, 1), rows).stats;
      expect(st.max_nodes_spanned).toBeLessThanOrEqual(m);
    },
  );

  it('adaptive K stays within [k_min, k_max] and falls under overflow', () => {
    const r = router({ capacity_factor: 1, backup: true, adaptive_k: true, k_min: 1, k_max: 4 }, { skew: 3 });
    const ks: number[] = [];
    for (let b = 0; b < 30; b++) {
      r.route(gaussian(`a${b}`, 32 * D, 1), 32);
      ks.push(r.k);
    }
    expect(Math.min(...ks)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ks)).toBeLessThanOrEqual(4);
    expect(ks.at(-1)).toBe(1);
  });

  it('adaptive K climbs to k_max when load is balanced and nothing overflows', () => {
    const r = router({ capacity_factor: 0, adaptive_k: true, k_min: 1, k_max: 4, imbalance_low: 100 });
    for (let b = 0; b < 5; b++) r.route(gaussian(`c${b}`, 8 * D, 1), 8);
    expect(r.k).toBe(4);
  });

  it('bias balancing lowers imbalance over batches against no balancing on the same tokens', () => {
    const batches = Array.from({ length: 60 }, (_, b) => gaussian(`bias${b}`, 64 * D, 0.5));
    const stats = (cfg: Partial<RouterConfig>) => {
      const r = router(cfg, { skew: 0.3 });
      return summarize(batches.map((x) => r.route(x, 64).stats).slice(30), 16, 2).imbalance;
    };
    expect(stats({ bias_update_rate: 0.01 })).toBeLessThan(0.8 * stats({}));
  });

  it('two-stage choice picks K distinct experts from the shortlist and spreads a hot expert', () => {
    const x = gaussian('two', 64 * D, 1);
    const one = router({ capacity_factor: 1.25, backup: true }, { skew: 2 }).route(x, 64);
    const two = router(
      { capacity_factor: 1.25, backup: true, shortlist: 6, availability_weight: 0.8 },
      { skew: 2 },
    ).route(x, 64);
    for (let t = 0; t < 64; t++) {
      const picks = Array.from(two.experts.subarray(t * two.slots, t * two.slots + 2));
      expect(new Set(picks).size).toBe(2);
    }
    expect(two.stats.overflow).toBeLessThan(one.stats.overflow);
  });

  it('a uniform random router touches N(1 - (1 - K/N)^B) distinct experts', () => {
    const rng = createRng('uniform', 'router');
    for (const [n, k, b] of [
      [16, 2, 4],
      [64, 4, 16],
      [256, 8, 32],
    ]) {
      let total = 0;
      const trials = 400;
      for (let t = 0; t < trials; t++) {
        const hit = new Set<number>();
        for (let i = 0; i < b; i++) {
          const chosen = new Set<number>();
          while (chosen.size < k) chosen.add(rng.int(0, n - 1));
          chosen.forEach((e) => hit.add(e));
        }
        total += hit.size;
      }
      expect(Math.abs(total / trials - distinctExperts(n, k, b)) / distinctExperts(n, k, b)).toBeLessThan(0.02);
    }
  });

  it('the plain router on random inputs is close to the uniform D(B)', () => {
    const r = router({}, { n: 64, devices: 8 }),
      got: number[] = [];
    for (let b = 0; b < 40; b++)
      got.push(r.route(gaussian(`u${b}`, 16 * D, 0), 16).stats.loads.filter((l) => l > 0).length);
    const mean = got.reduce((a, x) => a + x, 0) / got.length;
    expect(Math.abs(mean / distinctExperts(64, 2, 16) - 1)).toBeLessThan(0.15);
  });
});
