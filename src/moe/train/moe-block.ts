// One MoE feed-forward block for training, forward and backward: shared experts on every row, the
// router (src/moe/router.ts, with all its mechanisms) picks the routed experts, copies are packed by
// expert (then row order) so each expert runs one matmul over its block, outputs are mixed by the
// gates g = s_e/Σ_taken s (the inference gates, moe-layer.ts). The backward goes through the
// experts, the gates, the affinity function and the router matmul (and the jitter factors), plus
// the auxiliary balancing loss when α > 0. Routing decisions (top-K, capacity, backup, node limit)
// are discrete: no gradient flows through them, as in every top-K MoE.
// Invariant: all buffers come from MoeBuffers / MoeScratch, sized for the model's largest batch.
import type { Backend } from '../kern/backend.ts';
import type { Buf } from '../kern/buf.ts';
import type { Router, RouteMode, Routing } from '../router.ts';
import type { LayerWeights } from '../weights.ts';
import { auxLoss } from './aux-loss.ts';
import { ffnBackward, ffnForward } from './ffn.ts';

export interface MoeBuffers {
  copyTok: Int32Array;
  copyGate: Float64Array;
  /** expert e's copies are rows start[e] .. start[e+1]−1 of the packed buffers */
  start: Int32Array;
  xe: Buf;
  ue: Buf;
  he: Buf;
  ye: Buf;
  shared: { u: Buf; h: Buf }[];
  routing?: Routing;
}

export interface MoeScratch {
  tmp: Buf;
  dye: Buf;
  dxe: Buf;
  dh: Buf;
  du: Buf;
  ds: Buf;
  dgate: Float64Array;
}

/** Pack the served copies by expert; gates normalised over each row's served experts. */
function pack(m: MoeBuffers, r: Routing, n: number, N: number): void {
  const { experts, slots, affinity: s } = r;
  m.start.fill(0);
  for (let i = 0; i < n * slots; i++) if (experts[i] >= 0) m.start[experts[i] + 1]++;
  for (let e = 0; e < N; e++) m.start[e + 1] += m.start[e];
  const fill = m.start.slice(0, N);
  for (let t = 0; t < n; t++) {
    let sum = 0;
    for (let i = 0; i < slots; i++) {
      const e = experts[t * slots + i];
      if (e >= 0) sum += s[t * N + e];
    }
    for (let i = 0; i < slots; i++) {
      const e = experts[t * slots + i];
      if (e < 0) continue;
      const c = fill[e]++;
      m.copyTok[c] = t;
      m.copyGate[c] = s[t * N + e] / sum;
    }
  }
}

/** out (n×d) = Σ shared FFN(x) + Σ_taken g·FFN_e(x); returns the routing. */
export function moeForward(
  be: Backend,
  m: MoeBuffers,
  x: Buf,
  n: number,
  d: number,
  lw: LayerWeights<Buf>,
  router: Router,
  mode: RouteMode,
  out: Buf,
  tmp: Buf,
): Routing {
  const N = lw.experts.length;
  const r = router.route(x, n, mode);
  m.routing = r;
  out.fill(0, 0, n * d);
  lw.shared.forEach((w, i) => {
    ffnForward(be, { x, xo: 0, u: m.shared[i].u, uo: 0, h: m.shared[i].h, ho: 0 }, n, d, w, tmp, 0);
    for (let j = 0; j < n * d; j++) out[j] += tmp[j];
  });
  pack(m, r, n, N);
  const copies = m.start[N];
  for (let c = 0; c < copies; c++) m.xe.set(x.subarray(m.copyTok[c] * d, (m.copyTok[c] + 1) * d), c * d);
  for (let e = 0; e < N; e++) {
    const a = m.start[e],
      rows = m.start[e + 1] - a,
      f = lw.experts[e].f;
    if (rows === 0) continue;
    const cache = { x: m.xe, xo: a * d, u: m.ue, uo: a * 2 * f, h: m.he, ho: a * f };
    ffnForward(be, cache, rows, d, lw.experts[e], m.ye, a * d);
  }
  for (let c = 0; c < copies; c++) {
    const o = m.copyTok[c] * d,
      g = m.copyGate[c];
    for (let j = 0; j < d; j++) out[o + j] += g * m.ye[c * d + j];
  }
  return r;
}

/** Gradients into gw; dx += the input gradient. Returns the auxiliary loss (α·N·Σ f·P). */
export function moeBackward(
  be: Backend,
  m: MoeBuffers,
  x: Buf,
  n: number,
  d: number,
  lw: LayerWeights<Buf>,
  gw: LayerWeights<Buf>,
  router: Router,
  dy: Buf,
  dx: Buf,
  sc: MoeScratch,
  alpha: number,
): number {
  const r = m.routing;
  if (!r) throw new Error('moeBackward before moeForward');
  const N = lw.experts.length,
    copies = m.start[N];
  for (let c = 0; c < copies; c++) {
    const o = m.copyTok[c] * d,
      g = m.copyGate[c];
    let dg = 0;
    for (let j = 0; j < d; j++) {
      sc.dye[c * d + j] = g * dy[o + j];
      dg += dy[o + j] * m.ye[c * d + j];
    }
    sc.dgate[c] = dg;
  }
  for (let e = 0; e < N; e++) {
    const a = m.start[e],
      rows = m.start[e + 1] - a,
      f = lw.experts[e].f;
    if (rows === 0) continue;
    const cache = { x: m.xe, xo: a * d, u: m.ue, uo: a * 2 * f, h: m.he, ho: a * f };
    ffnBackward(be, cache, rows, d, lw.experts[e], gw.experts[e], sc.dye, a * d, sc, sc.dxe, a * d, false);
  }
  for (let c = 0; c < copies; c++) {
    const o = m.copyTok[c] * d;
    for (let j = 0; j < d; j++) dx[o + j] += sc.dxe[c * d + j];
  }
  lw.shared.forEach((w, i) => {
    const cache = { x, xo: 0, u: m.shared[i].u, uo: 0, h: m.shared[i].h, ho: 0 };
    ffnBackward(be, cache, n, d, w, gw.shared[i], dy, 0, sc, dx, 0, true);
  });
  return routerBackward(be, m, r, n, d, lw, gw, router, dx, sc, alpha);
}

/** Gate gradients → affinity gradients (+ aux loss) → logits → router weights and input. */
function routerBackward(
  be: Backend,
  m: MoeBuffers,
  r: Routing,
  n: number,
  d: number,
  lw: LayerWeights<Buf>,
  gw: LayerWeights<Buf>,
  router: Router,
  dx: Buf,
  sc: MoeScratch,
  alpha: number,
): number {
  const N = lw.experts.length,
    s = r.affinity,
    ds = sc.ds;
  ds.fill(0, 0, n * N);
  // g_c = s_e/S_t over the row's copies: ds_e = (dg_e − Σ_c dg_c·g_c)/S_t
  const sum = new Float64Array(n),
    dot = new Float64Array(n);
  for (let c = 0; c < m.start[N]; c++) {
    const t = m.copyTok[c];
    dot[t] += sc.dgate[c] * m.copyGate[c];
  }
  for (let e = 0; e < N; e++)
    for (let c = m.start[e]; c < m.start[e + 1]; c++) sum[m.copyTok[c]] += s[m.copyTok[c] * N + e];
  for (let e = 0; e < N; e++)
    for (let c = m.start[e]; c < m.start[e + 1]; c++) {
      const t = m.copyTok[c];
      ds[t * N + e] += (sc.dgate[c] - dot[t]) / sum[t];
    }
  const aux = auxLoss(s, n, N, r.stats.requested_loads, r.stats.requested, alpha, ds);
  scoreBackward(router.cfg.score, s, ds, n, N);
  if (!lw.router || !gw.router) throw new Error('MoE layer without router weights');
  be.gemm(N, d, n, ds, 0, 1, N, r.input, 0, d, 1, gw.router, 0, d, true);
  be.gemm(n, d, N, ds, 0, N, 1, lw.router, 0, d, 1, sc.tmp, 0, d, false);
  for (let j = 0; j < n * d; j++) dx[j] += r.noise ? sc.tmp[j] * r.noise[j] : sc.tmp[j];
  return aux;
}

/** ds → dz in place: sigmoid s(1−s); softmax s⊙(ds − Σ s·ds). */
function scoreBackward(score: 'softmax' | 'sigmoid', s: Buf, ds: Buf, n: number, N: number): void {
  for (let t = 0; t < n; t++) {
    const o = t * N;
    if (score === 'sigmoid') {
      for (let e = 0; e < N; e++) ds[o + e] *= s[o + e] * (1 - s[o + e]);
      continue;
    }
    let dot = 0;
    for (let e = 0; e < N; e++) dot += s[o + e] * ds[o + e];
    for (let e = 0; e < N; e++) ds[o + e] = s[o + e] * (ds[o + e] - dot);
  }
}
