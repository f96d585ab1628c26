// Finite-difference checks of the MoE block's backward pass in float64, with the router's
// mechanisms switched on: sigmoid and softmax affinities, jitter, capacity with the backup path,
// the two-stage choice, the node limit, adaptive K, and the auxiliary balancing loss. Each loss
// evaluation routes with a fresh router (same seed), so jitter draws and router state repeat.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/rng.ts';
import { DEFAULT_CONFIG, type RouterConfig } from '../../../src/moe/config.ts';
import { tsBackend } from '../../../src/moe/kern/backend.ts';
import { makePlacement } from '../../../src/moe/placement.ts';
import { Router, type BatchStats } from '../../../src/moe/router.ts';
import { auxLoss } from '../../../src/moe/train/aux-loss.ts';
import { moeBackward, moeForward, type MoeBuffers } from '../../../src/moe/train/moe-block.ts';
import type { ExpertWeights, LayerWeights } from '../../../src/moe/weights.ts';
import { expectGradient, rand64, weighted } from './grad-helpers.ts';

const be = tsBackend('f64');
const n = 12,
  d = 6,
  f = 3,
  N = 8,
  K = 2;
const base: RouterConfig = {
  ...DEFAULT_CONFIG.router,
  capacity_factor: 0,
  jitter_eps: 0,
  bias_update_rate: 0,
  shortlist: 0,
  backup: false,
  adaptive_k: false,
  k_max: 3,
};

const expert = (name: string): ExpertWeights<Float64Array> => ({
  w13: rand64(`${name}13`, 2 * f * d, 0.6),
  w2: rand64(`${name}2`, d * f, 0.6),
  f,
});
const zeros = (w: ExpertWeights<Float64Array>): ExpertWeights<Float64Array> => ({
  w13: new Float64Array(w.w13.length),
  w2: new Float64Array(w.w2.length),
  f,
});

function buffers(slots: number): MoeBuffers {
  const cap = n * slots;
  return {
    copyTok: new Int32Array(cap),
    copyGate: new Float64Array(cap),
    start: new Int32Array(N + 1),
    xe: new Float64Array(cap * d),
    ue: new Float64Array(cap * 2 * f),
    he: new Float64Array(cap * f),
    ye: new Float64Array(cap * d),
    shared: [{ u: new Float64Array(n * 2 * f), h: new Float64Array(n * f) }],
  };
}

function check(label: string, cfg: Partial<RouterConfig>, alpha: number, nodes = 1, maxNodes = 1): BatchStats {
  const rc = { ...base, ...cfg },
    slots = Math.max(rc.k_max, K);
  const x = rand64('x', n * d),
    c = rand64('c', n * d);
  const lw: LayerWeights<Float64Array> = {
    g1: new Float64Array(d),
    wqkv: new Float64Array(0),
    wo: new Float64Array(0),
    g2: new Float64Array(d),
    router: rand64('router', N * d),
    shared: [expert('s')],
    experts: Array.from({ length: N }, (_, e) => expert(`e${e}`)),
  };
  const placement = makePlacement(N, { devices: 4, nodes, max_nodes_per_token: maxNodes });
  const newRouter = (): Router => new Router(d, lw.router!, rc, K, placement, createRng('t', 'jitter'));
  const m = buffers(slots),
    tmp = new Float64Array(n * d);
  const loss = (): number => {
    const out = new Float64Array(n * d);
    const r = moeForward(be, m, x, n, d, lw, newRouter(), 'train', out, tmp);
    return weighted(out, c) + auxLoss(r.affinity, n, N, r.stats.requested_loads, r.stats.requested, alpha, null);
  };
  loss();
  const gw: LayerWeights<Float64Array> = {
    ...lw,
    router: new Float64Array(N * d),
    shared: [zeros(lw.shared[0])],
    experts: lw.experts.map(zeros),
  };
  const dx = new Float64Array(n * d),
    cap = n * slots;
  const sc = {
    tmp,
    dye: new Float64Array(cap * d),
    dxe: new Float64Array(cap * d),
    dh: new Float64Array(cap * f),
    du: new Float64Array(cap * 2 * f),
    ds: new Float64Array(n * N),
    dgate: new Float64Array(cap),
  };
  moeBackward(be, m, x, n, d, lw, gw, newRouter(), c, dx, sc, alpha);
  expectGradient(`${label} dx`, loss, x, dx, [0, 7, 20, 33, 50, 71]);
  expectGradient(`${label} d router`, loss, lw.router!, gw.router!, [0, 5, 13, 22, 31, 40, 47]);
  expectGradient(`${label} d shared W13`, loss, lw.shared[0].w13, gw.shared[0].w13);
  const busy = lw.experts.findIndex((_, e) => m.start[e + 1] > m.start[e]);
  expectGradient(`${label} d expert${busy} W2`, loss, lw.experts[busy].w2, gw.experts[busy].w2);
  expect(gw.router!.some((v) => v !== 0)).toBe(true);
  return m.routing!.stats;
}

describe('MoE block gradients (float64 finite differences)', () => {
  it('sigmoid affinities, dropless top-2', () => check('sigmoid', { score: 'sigmoid' }, 0));
  it('softmax affinities, dropless top-2', () => check('softmax', { score: 'softmax' }, 0));
  it('jitter on the router input', () => check('jitter', { jitter_eps: 0.05 }, 0));
  it('capacity with the backup path and the two-stage choice', () => {
    expect(check('capacity', { capacity_factor: 1, backup: true, shortlist: 4 }, 0).reroutes).toBeGreaterThan(0);
  });
  it('capacity without backup (dropped copies), node limit, adaptive K', () => {
    const st = check('drops', { capacity_factor: 0.75, adaptive_k: true, k_min: 1 }, 0, 2, 1);
    expect(st.drops).toBeGreaterThan(0);
    expect(st.max_nodes_spanned).toBe(1);
  });
  it('with the auxiliary balancing loss (sigmoid and softmax)', () => {
    check('aux-sigmoid', { score: 'sigmoid' }, 0.05);
    check('aux-softmax', { score: 'softmax' }, 0.05);
  });
});
