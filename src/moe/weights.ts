// Seeded random weights of the micro-MoE (not trained): each tensor drawn N(0, 1/fan_in) from its
// own named stream `weights/<tensor>`, so adding a tensor never changes another. Norm gains are 1.
// Matrices are stored output-major [out × in] (see kernels.ts matmul); the embedding is [vocab × d].
import { createRng } from '../engine/rng.ts';
import type { ModelShape } from './shape.ts';

export interface ExpertWeights {
  w13: Float32Array;
  w2: Float32Array;
  f: number;
}
export interface LayerWeights {
  g1: Float32Array;
  wqkv: Float32Array;
  wo: Float32Array;
  g2: Float32Array;
  dense?: ExpertWeights;
  router?: Float32Array;
  shared: ExpertWeights[];
  experts: ExpertWeights[];
}
export interface ModelWeights {
  embed: Float32Array;
  layers: LayerWeights[];
  gf: Float32Array;
  head: Float32Array;
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
