// Parameter counts of a decoder-only (MoE) transformer and the frontier shape for a given size.
// The model family keeps its proportions (layers, heads, experts, FFN ratios) and scales d_model so
// that active parameters match the compute-optimal size of the run (Chinchilla: C = 6ND, D = rN).
// Parameter counts are src/moe/formulas.ts's (moe.md section 1.1; SwiGLU experts: 3·d·f parameters).
import { activeParams, totalParams } from '../moe/formulas.ts';
import type { ModelShape } from '../moe/shape.ts';

export interface ShapeFamily {
  layers: number;
  moe_layers: number;
  heads: number;
  kv_heads: number;
  routed_experts: number;
  top_k: number;
  shared_experts: number;
  expert_ffn_ratio: number;
  dense_ffn_ratio: number;
  /** head_dim / (d_model / heads); absent: 1 (attention width = d_model). */
  head_dim_ratio?: number;
  vocab: number;
  context_tokens: number;
  bytes_per_weight: number;
  bytes_per_activation: number;
}

export function shapeAt(f: ShapeFamily, d_model: number): ModelShape {
  return new Shape(f, d_model);
}

/** A ModelShape built by a constructor, not an object literal: the planner and every step make one
 * per size asked, the early runs' shapes outlive a scavenge or two in the profile memos, V8 then
 * pretenured the literal's allocation site and every later run built its shapes in old space, where
 * they died (src/params/packed-map.ts). Fields are assigned in the literal's key order (`declare`
 * emits no class fields, so nothing else becomes a key). */
class Shape implements ModelShape {
  declare layers: number;
  declare moe_layers: number;
  declare d_model: number;
  declare heads: number;
  declare kv_heads: number;
  declare head_dim: number;
  declare expert_ffn_hidden: number;
  declare dense_ffn_hidden: number;
  declare routed_experts: number;
  declare top_k: number;
  declare shared_experts: number;
  declare vocab: number;
  declare context_tokens: number;
  declare bytes_per_weight: number;
  declare bytes_per_activation: number;
  constructor(f: ShapeFamily, d_model: number) {
    const moe = f.routed_experts > 0 && f.top_k > 0 ? f.moe_layers : 0;
    this.layers = f.layers;
    this.moe_layers = moe;
    this.d_model = d_model;
    this.heads = f.heads;
    this.kv_heads = f.kv_heads;
    this.head_dim = ((f.head_dim_ratio ?? 1) * d_model) / f.heads;
    this.expert_ffn_hidden = f.expert_ffn_ratio * d_model;
    this.dense_ffn_hidden = f.dense_ffn_ratio * d_model;
    this.routed_experts = moe ? f.routed_experts : 0;
    this.top_k = moe ? f.top_k : 0;
    this.shared_experts = moe ? f.shared_experts : 0;
    this.vocab = f.vocab;
    this.context_tokens = f.context_tokens;
    this.bytes_per_weight = f.bytes_per_weight;
    this.bytes_per_activation = f.bytes_per_activation;
  }
}

/**
 * The shape of the family whose active parameter count is `active`. Active parameters are
 * a·d² + b·d (a: the d² terms of every matrix, b: router and head), so d solves a quadratic.
 */
export function shapeForActiveParams(f: ShapeFamily, active: number): ModelShape {
  return shapeAt(f, dModelForActiveParams(f, active));
}

/** A family's active and total parameters as a·d² + b·d each (every count is a sum of d² and d terms,
 * no constant), computed once per family object: the hot paths ask often. */
interface Coefficients {
  active_a: number;
  active_b: number;
  total_a: number;
  total_b: number;
}
const coefficients = new WeakMap<ShapeFamily, Coefficients>();

function coefficientsOf(f: ShapeFamily): Coefficients {
  let c = coefficients.get(f);
  if (!c) {
    const quadratic = (count: (s: ModelShape) => number) => {
      const one = count(shapeAt(f, 1));
      const two = count(shapeAt(f, 2));
      const a = (two - 2 * one) / 2;
      return { a, b: one - a };
    };
    const act = quadratic(activeParams);
    const tot = quadratic(totalParams);
    c = { active_a: act.a, active_b: act.b, total_a: tot.a, total_b: tot.b };
    coefficients.set(f, c);
  }
  return c;
}

/** d_model of the family member with `active` active parameters. */
export function dModelForActiveParams(f: ShapeFamily, active: number): number {
  if (!(active > 0)) throw new RangeError(`active parameters must be > 0 (got ${active})`);
  const c = coefficientsOf(f);
  return (-c.active_b + Math.sqrt(c.active_b * c.active_b + 4 * c.active_a * active)) / (2 * c.active_a);
}

/** Total parameters of the family member with `active` active parameters (no shape object built). */
export function totalParamsForActive(f: ShapeFamily, active: number): number {
  const c = coefficientsOf(f);
  const d = dModelForActiveParams(f, active);
  return c.total_a * d * d + c.total_b * d;
}

/** Compute-optimal active parameters for a run of C FLOP at r tokens per parameter: N = sqrt(C / 6r). */
export function computeOptimalParams(flop: number, tokensPerParam: number): number {
  return Math.sqrt(flop / (6 * tokensPerParam));
}
