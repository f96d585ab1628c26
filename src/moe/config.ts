// The micro-MoE configuration: model shape, router mechanisms, placement and the calibration
// protocol, with a default for every field (each with its reason), and the YAML loader for
// `--config micro.yaml`. Invariant: a MicroConfig returned here is complete and validated.
import { parse } from 'yaml';
import { InputError } from '../io/errors.ts';
import { readTextFile } from '../io/read-limited.ts';
import type { ModelShape } from './shape.ts';
import type { RouterCost } from './formulas.ts';

export const SCORE_FNS = ['softmax', 'sigmoid'] as const;
export type ScoreFn = (typeof SCORE_FNS)[number];
export const isScoreFn = (x: unknown): x is ScoreFn => SCORE_FNS.includes(x as ScoreFn);

export interface RouterConfig {
  score: ScoreFn;
  /** Capacity factor; 0 = dropless (no capacity limit). */
  capacity_factor: number;
  /** Router-input jitter half-width ε: x ← x·U(1−ε, 1+ε); 0 = off. */
  jitter_eps: number;
  /** Aux-loss-free bias step γ; 0 = no bias balancing. */
  bias_update_rate: number;
  /** Two-stage decoupled choice: shortlist K' (0 = off) and the availability weight w. */
  shortlist: number;
  availability_weight: number;
  backup: boolean;
  adaptive_k: boolean;
  k_min: number;
  k_max: number;
  /** Adaptive K lowers K above this overflow fraction ... */
  overflow_high: number;
  /** ... and raises it when there is no overflow and imbalance is at most this. */
  imbalance_low: number;
}

export interface PlacementConfig {
  devices: number;
  nodes: number;
  max_nodes_per_token: number;
}

export interface MicroConfig {
  seed: string;
  shape: ModelShape;
  bpe_merges: number;
  router: RouterConfig;
  placement: PlacementConfig;
  prompt_tokens: number;
}

const d = 64,
  heads = 4;
/** Defaults: small enough that a 4,096-token calibration runs in a few seconds (issue 4). */
export const DEFAULT_CONFIG: MicroConfig = {
  seed: 'firstwall-micro', // any fixed string: weights and jitter streams derive from it
  bpe_merges: 512, // vocab 256 bytes + 512 merges = 768, in the brief's 512-1024 range
  shape: {
    layers: 3, // 1 dense + 2 MoE layers: V3 also starts with dense layers (config_671B: 3 dense of 61)
    moe_layers: 2,
    d_model: d, // brief: d_model 64-128
    heads, // brief: 4 heads
    kv_heads: 2, // GQA with 2 KV heads so the GQA accounting is exercised (Llama/Mixtral use GQA)
    head_dim: d / heads,
    // fine-grained experts at DeepSeek-V3's ratio f/d = 2048/7168 = 0.29 ≈ 1/4 (config_671B) [E];
    // it also keeps the shipped trained weights (scenarios/calibrations) near 580 KB in bfloat16
    expert_ffn_hidden: d / 4,
    dense_ffn_hidden: 4 * d, // the dense layer's SwiGLU width: the classic d_ff = 4·d (Vaswani et al. 2017) [R]
    routed_experts: 16, // brief: 16 routed experts
    top_k: 2, // brief: top-2 (Mixtral 2401.04088)
    shared_experts: 1, // V3: 1 shared expert per MoE layer (config_671B)
    vocab: 256 + 512,
    context_tokens: 128, // brief: context 128-256
    bytes_per_weight: 2, // BF16 accounting although the arithmetic runs in Float32
    bytes_per_activation: 2, // BF16 activations, KV cache and all-to-all (DeepEP combine is BF16)
  },
  router: {
    score: 'sigmoid', // V3 gate: sigmoid affinities (2412.19437 Eq. 13)
    capacity_factor: 1.25, // Switch: CF 1.0-1.25 is the sweet spot (2101.03961)
    jitter_eps: 0.01, // Switch multiplicative jitter ε = 1e-2 (moe.md 1.5, [U])
    bias_update_rate: 0.01, // 2408.15664 tried u in {1e-4, 1e-3, 1e-2}; the micro run sees ~100x fewer batches
    shortlist: 0, // two-stage choice off by default; measured as its own mechanism
    availability_weight: 0.5, // equal weight on availability and skill (project design, no published value)
    backup: true, // Expanded Drop / token reroute (2503.05066)
    adaptive_k: false, // off by default so the served K equals the shape's K
    k_min: 1, // Switch routes with k = 1
    k_max: 4, // V3 notes up to 13 experts per token at equal comm cost; 2x top-2 here
    overflow_high: 0.01, // Switch: drop rate typically < 1% (2101.03961)
    imbalance_low: 1.25, // equal to the capacity factor: load within capacity
  },
  placement: {
    devices: 8, // 16 experts on 8 devices, 2 per device (lead's default placement)
    nodes: 2, // 4 devices per node
    max_nodes_per_token: 1, // V3 limits a token to M = 4 of 8 nodes; the same half here
  },
  prompt_tokens: 32, // prefill length before decode: a quarter of the context
};

export function routerCost(c: MicroConfig): RouterCost {
  return {
    jitter: c.router.jitter_eps > 0,
    bias: c.router.bias_update_rate > 0,
    shortlist: c.router.shortlist,
    nodes: c.placement.nodes,
    max_nodes: c.placement.max_nodes_per_token,
  };
}

/** Problems with a config, as messages (empty when valid). */
export function configProblems(c: MicroConfig): string[] {
  const p: string[] = [],
    s = c.shape,
    r = c.router,
    pl = c.placement;
  const posInt = (name: string, v: number, min = 1): void => {
    if (!Number.isInteger(v) || v < min) p.push(`${name} must be an integer >= ${min} (got ${v})`);
  };
  for (const k of [
    'layers',
    'd_model',
    'heads',
    'kv_heads',
    'head_dim',
    'expert_ffn_hidden',
    'dense_ffn_hidden',
    'context_tokens',
  ] as const)
    posInt(`shape.${k}`, s[k]);
  for (const k of ['moe_layers', 'routed_experts', 'top_k', 'shared_experts'] as const) posInt(`shape.${k}`, s[k], 0);
  posInt('bpe_merges', c.bpe_merges, 0);
  posInt('prompt_tokens', c.prompt_tokens);
  if (s.moe_layers > s.layers) p.push('shape.moe_layers must be <= shape.layers');
  if (s.heads % s.kv_heads !== 0) p.push('shape.heads must be a multiple of shape.kv_heads');
  if (s.routed_experts > 0 && (s.top_k < 1 || s.top_k > s.routed_experts))
    p.push('shape.top_k must be in [1, routed_experts]');
  if (s.vocab !== 256 + c.bpe_merges) p.push(`shape.vocab must equal 256 + bpe_merges (${256 + c.bpe_merges})`);
  if (c.prompt_tokens >= s.context_tokens) p.push('prompt_tokens must be < shape.context_tokens');
  if (!isScoreFn(r.score)) p.push(`router.score must be one of ${SCORE_FNS.join(', ')}`);
  if (!(r.capacity_factor >= 0)) p.push('router.capacity_factor must be >= 0');
  if (!(r.jitter_eps >= 0 && r.jitter_eps < 1)) p.push('router.jitter_eps must be in [0, 1)');
  if (!(r.bias_update_rate >= 0)) p.push('router.bias_update_rate must be >= 0');
  if (!(r.availability_weight >= 0 && r.availability_weight <= 1))
    p.push('router.availability_weight must be in [0, 1]');
  if (
    r.shortlist !== 0 &&
    (r.shortlist < Math.max(s.top_k, r.adaptive_k ? r.k_max : 0) || r.shortlist > s.routed_experts)
  )
    p.push('router.shortlist must be 0 or in [K, routed_experts] (K = k_max with adaptive K)');
  if (
    s.routed_experts > 0 &&
    !(r.k_min >= 1 && r.k_min <= s.top_k && s.top_k <= r.k_max && r.k_max <= s.routed_experts)
  )
    p.push('router needs 1 <= k_min <= top_k <= k_max <= routed_experts');
  if (s.moe_layers > 0 && s.routed_experts === 0)
    p.push('shape.moe_layers > 0 needs shape.routed_experts > 0 (a dense model has moe_layers 0)');
  posInt('placement.devices', pl.devices);
  posInt('placement.nodes', pl.nodes);
  posInt('placement.max_nodes_per_token', pl.max_nodes_per_token);
  if (pl.devices % pl.nodes !== 0) p.push('placement.devices must be a multiple of placement.nodes');
  if (s.routed_experts > 0 && s.routed_experts % pl.devices !== 0)
    p.push('shape.routed_experts must be a multiple of placement.devices');
  return p;
}

type Plain = Record<string, unknown>;
const isPlain = (x: unknown): x is Plain => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Overlay `patch` on `base`, rejecting unknown keys and type changes (path-qualified messages). */
function overlay(base: Plain, patch: unknown, path: string, problems: string[]): Plain {
  if (!isPlain(patch)) {
    problems.push(`${path || '(root)'} must be a mapping`);
    return base;
  }
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const here = path ? `${path}.${k}` : k;
    if (!(k in base)) {
      problems.push(`${here} is not a known setting`);
      continue;
    }
    const cur = base[k];
    if (isPlain(cur)) out[k] = overlay(cur, v, here, problems);
    else if (typeof v !== typeof cur) problems.push(`${here} must be a ${typeof cur} (got ${JSON.stringify(v)})`);
    else out[k] = v;
  }
  return out;
}

/** Merge a partial config over the defaults; head_dim and vocab follow d_model/heads and merges unless given. */
export function resolveConfig(patch: unknown, file = 'config'): MicroConfig {
  const problems: string[] = [];
  const merged = overlay(DEFAULT_CONFIG as unknown as Plain, patch ?? {}, '', problems) as unknown as MicroConfig;
  const shapePatch = isPlain(patch) && isPlain(patch.shape) ? patch.shape : {};
  if (!('head_dim' in shapePatch)) merged.shape.head_dim = merged.shape.d_model / merged.shape.heads;
  if (!('vocab' in shapePatch)) merged.shape.vocab = 256 + merged.bpe_merges;
  problems.push(...configProblems(merged));
  if (problems.length > 0) throw new InputError(problems.map((m) => `${file}: ${m}`));
  return merged;
}

export function loadConfig(path: string): MicroConfig {
  let raw: unknown;
  const text = readTextFile(path, path, { maxBytes: 1024 * 1024, what: 'micro-MoE config' }); // a page of YAML
  try {
    raw = parse(text, { maxAliasCount: 0 });
  } catch (e) {
    throw new InputError([`${path}: ${(e as Error).message.split('\n')[0]}`]);
  }
  return resolveConfig(raw, path);
}
