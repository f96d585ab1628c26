// The micro-MoE's weights: their structure, the seeded initial values, and the one fixed order in
// which tensors are named and listed (training, Adam and the weights file all use it). Seeded
// values: each tensor drawn N(0, 1/fan_in) from its own named stream `weights/<tensor>`, so adding
// a tensor never changes another; norm gains are 1. Matrices are stored output-major [out × in]
// (see kernels.ts matmul); the embedding is [vocab × d]. Invariant: tensorList visits every
// tensor exactly once, in the same order for the same shape.
import { createRng } from '../engine/rng.ts';
import type { Buf } from './kern/buf.ts';
import type { ModelShape } from './shape.ts';

export interface ExpertWeights<T extends Buf = Float32Array> {
  w13: T;
  w2: T;
  f: number;
}
export interface LayerWeights<T extends Buf = Float32Array> {
  g1: T;
  wqkv: T;
  wo: T;
  g2: T;
  dense?: ExpertWeights<T>;
  router?: T;
  shared: ExpertWeights<T>[];
  experts: ExpertWeights<T>[];
  /** Loss-free balancing bias learned in training (added to affinities for selection only); absent = 0. */
  router_bias?: Float64Array;
}
export interface ModelWeights<T extends Buf = Float32Array> {
  embed: T;
  layers: LayerWeights<T>[];
  gf: T;
  head: T;
}

function normalTensor(seed: string, name: string, size: number, fanIn: number): Float32Array {
  const rng = createRng(seed, `weights/${name}`),
    sd = 1 / Math.sqrt(fanIn),
    out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.normal(0, sd);
  return out;
}

function expert(seed: string, name: string, d: number, f: number): ExpertWeights {
  return { w13: normalTensor(seed, `${name}/w13`, d * 2 * f, d), w2: normalTensor(seed, `${name}/w2`, f * d, f), f };
}

export function initWeights(s: ModelShape, seed: string): ModelWeights {
  const d = s.d_model,
    hd = s.heads * s.head_dim,
    qkv = (s.heads + 2 * s.kv_heads) * s.head_dim;
  const firstMoe = s.layers - s.moe_layers; // dense layers first, as in DeepSeek-V3
  const layers: LayerWeights[] = [];
  for (let l = 0; l < s.layers; l++) {
    const isMoe = l >= firstMoe,
      p = `layer${l}`;
    layers.push({
      g1: new Float32Array(d).fill(1),
      wqkv: normalTensor(seed, `${p}/wqkv`, d * qkv, d),
      wo: normalTensor(seed, `${p}/wo`, hd * d, hd),
      g2: new Float32Array(d).fill(1),
      dense: isMoe ? undefined : expert(seed, `${p}/dense`, d, s.dense_ffn_hidden),
      router: isMoe && s.routed_experts > 0 ? normalTensor(seed, `${p}/router`, d * s.routed_experts, d) : undefined,
      shared: isMoe
        ? Array.from({ length: s.shared_experts }, (_, i) => expert(seed, `${p}/shared${i}`, d, s.expert_ffn_hidden))
        : [],
      experts: isMoe
        ? Array.from({ length: s.routed_experts }, (_, i) => expert(seed, `${p}/expert${i}`, d, s.expert_ffn_hidden))
        : [],
    });
  }
  return {
    embed: normalTensor(seed, 'embed', s.vocab * d, 1), // unit-variance rows, comparable to the ±1 position table
    layers,
    gf: new Float32Array(d).fill(1),
    head: normalTensor(seed, 'head', d * s.vocab, d),
  };
}

/** Every tensor with its name (the init stream's name), in one fixed order. */
export function tensorList<T extends Buf>(w: ModelWeights<T>): { name: string; t: T }[] {
  const out: { name: string; t: T }[] = [{ name: 'embed', t: w.embed }];
  const ex = (p: string, e: ExpertWeights<T>): void => {
    out.push({ name: `${p}/w13`, t: e.w13 }, { name: `${p}/w2`, t: e.w2 });
  };
  w.layers.forEach((l, i) => {
    const p = `layer${i}`;
    out.push({ name: `${p}/g1`, t: l.g1 }, { name: `${p}/wqkv`, t: l.wqkv }, { name: `${p}/wo`, t: l.wo });
    out.push({ name: `${p}/g2`, t: l.g2 });
    if (l.dense) ex(`${p}/dense`, l.dense);
    if (l.router) out.push({ name: `${p}/router`, t: l.router });
    l.shared.forEach((e, j) => ex(`${p}/shared${j}`, e));
    l.experts.forEach((e, j) => ex(`${p}/expert${j}`, e));
  });
  out.push({ name: 'gf', t: w.gf }, { name: 'head', t: w.head });
  return out;
}

/** The same structure with every tensor replaced by f(tensor, name) (router biases are copied). */
export function mapWeights<A extends Buf, B extends Buf>(
  w: ModelWeights<A>,
  f: (t: A, name: string) => B,
): ModelWeights<B> {
  const ex = (p: string, e: ExpertWeights<A>): ExpertWeights<B> => ({
    w13: f(e.w13, `${p}/w13`),
    w2: f(e.w2, `${p}/w2`),
    f: e.f,
  });
  return {
    embed: f(w.embed, 'embed'),
    layers: w.layers.map((l, i) => {
      const p = `layer${i}`;
      return {
        g1: f(l.g1, `${p}/g1`),
        wqkv: f(l.wqkv, `${p}/wqkv`),
        wo: f(l.wo, `${p}/wo`),
        g2: f(l.g2, `${p}/g2`),
        dense: l.dense ? ex(`${p}/dense`, l.dense) : undefined,
        router: l.router ? f(l.router, `${p}/router`) : undefined,
        shared: l.shared.map((e, j) => ex(`${p}/shared${j}`, e)),
        experts: l.experts.map((e, j) => ex(`${p}/expert${j}`, e)),
        router_bias: l.router_bias ? Float64Array.from(l.router_bias) : undefined,
      };
    }),
    gf: f(w.gf, 'gf'),
    head: f(w.head, 'head'),
  };
}

/** Number of scalar parameters (router biases are state, not parameters). */
export const paramCount = (w: ModelWeights<Buf>): number => tensorList(w).reduce((a, x) => a + x.t.length, 0);
