// The calibration document: what `firstwall calibrate` writes and src/workload/calibrated.ts reads.
// Built from a Measurement with a fixed key order, every number rounded to SIGNIFICANT_DIGITS, no
// timestamps or paths that depend on the machine, so the same config and options give the same
// bytes. Described by schemas/calibration.schema.json.
import type { MicroConfig } from '../moe/config.ts';
import { FLOP_COMPONENTS } from '../moe/formulas.ts';
import { MECHANISMS, type Mechanism } from './mechanisms.ts';
import type { RouterSummary } from './router-stats.ts';
import type { BatchMeasure, CalibrateOptions, Measurement, PhaseMeasure } from './run.ts';
import { makePlacement } from '../moe/placement.ts';

export const CALIBRATION_FORMAT = 'firstwall-calibration/1';
export const SIGNIFICANT_DIGITS = 6;
export const UNTRAINED_NOTE =
  'The micro-MoE weights are seeded random, not trained: the router statistics are those of an untrained router under each balancing mechanism.';

/** Which weights a calibration measured. */
export interface WeightsInfo {
  source: 'trained' | 'seeded';
  /** the weights manifest, as named on the command line (or the shipped default's repository path) */
  file?: string;
  /** SHA-256 of the weights binary */
  sha256?: string;
  method?: string;
  steps?: number;
  val_ce?: number;
}

export function weightsNote(w: WeightsInfo): string {
  if (w.source === 'seeded') return UNTRAINED_NOTE;
  return `The micro-MoE weights were trained on the shipped corpus (${w.method} balancing, ${w.steps} steps, validation cross-entropy ${w.val_ce} nats; ${w.file}): the router statistics are those of the trained router, replayed under each balancing mechanism.`;
}

export interface HbmBytes {
  weights: number;
  activations: number;
  kv_read: number;
  kv_write: number;
  total: number;
}
export interface PhaseEntry {
  tokens: number;
  steps: number;
  mean_kv_len: number;
  flop_per_token: number;
  flop_per_token_by_component: Record<string, number>;
  hbm_bytes_per_token: HbmBytes;
  arithmetic_intensity: number;
  distinct_experts_per_moe_layer: number;
  a2a_bytes_per_token_per_moe_layer: { intra_node: number; inter_node: number };
}
export interface BatchEntry {
  batch_tokens: number;
  prompt_tokens: number;
  prefill: PhaseEntry;
  decode: PhaseEntry;
  router: Record<Mechanism, RouterSummary>;
}
export interface FactorPoint {
  batch_tokens: number;
  imbalance: number;
  load_cv: number;
  overflow_fraction: number;
  drop_fraction: number;
  reroute_fraction: number;
  remote_fraction: number;
  inter_node_fraction: number;
  /** measured distinct experts per MoE layer / uniform N(1 − (1 − K/N)^B) */
  distinct_ratio: number;
  mean_k: number;
}
export interface Calibration {
  format: typeof CALIBRATION_FORMAT;
  note: string;
  significant_digits: number;
  generator: {
    command: string;
    tokens_per_batch: number;
    batches: number[];
    corpus: { path: string; bytes: number; tokens: number };
  };
  /** absent in calibrations written before trained weights existed (then: seeded) */
  weights?: WeightsInfo;
  config: MicroConfig;
  bytes_per_element: { weight: number; activation: number; kv_cache: number; all_to_all: number };
  placement: { devices: number; nodes: number; max_nodes_per_token: number; expert_device: number[] };
  batches: BatchEntry[];
  router_factors: { mechanism: 'configured'; by_batch: FactorPoint[] };
}

export const round = (x: number): number =>
  x === 0 || !Number.isFinite(x) ? 0 : Number(x.toPrecision(SIGNIFICANT_DIGITS));

/** Round every number in a JSON-like value, keeping key order. */
export function roundDeep<T>(v: T): T {
  if (typeof v === 'number') return round(v) as T;
  if (Array.isArray(v)) return v.map(roundDeep) as T;
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)])) as T;
  return v;
}

function phaseEntry(p: PhaseMeasure, moeLayers: number): PhaseEntry {
  const t = p.tally,
    n = p.tokens;
  const total = t.weights + t.activations + t.kv_read + t.kv_write;
  const byComp: Record<string, number> = {};
  for (const c of FLOP_COMPONENTS) byComp[c] = (p.flops_by_component[c] ?? 0) / n;
  const per = Math.max(1, moeLayers) * n;
  return {
    tokens: n,
    steps: p.steps,
    mean_kv_len: p.mean_kv_len,
    flop_per_token: t.flop / n,
    flop_per_token_by_component: byComp,
    hbm_bytes_per_token: {
      weights: t.weights / n,
      activations: t.activations / n,
      kv_read: t.kv_read / n,
      kv_write: t.kv_write / n,
      total: total / n,
    },
    arithmetic_intensity: t.flop / total,
    distinct_experts_per_moe_layer: p.distinct_experts,
    a2a_bytes_per_token_per_moe_layer: { intra_node: p.a2a.intra_node / per, inter_node: p.a2a.inter_node / per },
  };
}

function factorPoint(b: BatchMeasure): FactorPoint {
  const r = b.router.configured;
  return {
    batch_tokens: b.batch_tokens,
    imbalance: r.imbalance,
    load_cv: r.load_cv,
    overflow_fraction: r.overflow_fraction,
    drop_fraction: r.drop_fraction,
    reroute_fraction: r.reroute_fraction,
    remote_fraction: r.remote_fraction,
    inter_node_fraction: r.inter_node_fraction,
    distinct_ratio: r.distinct_experts_uniform > 0 ? r.distinct_experts / r.distinct_experts_uniform : 1,
    mean_k: r.mean_k,
  };
}

export function buildCalibration(
  c: MicroConfig,
  o: CalibrateOptions,
  m: Measurement,
  weights: WeightsInfo = { source: 'seeded' },
  command = `firstwall calibrate --tokens ${o.tokens} --batch ${o.batches.join(',')}`,
): Calibration {
  const s = c.shape,
    pl = makePlacement(s.routed_experts, c.placement);
  const batches: BatchEntry[] = m.batches.map((b) => ({
    batch_tokens: b.batch_tokens,
    prompt_tokens: b.prompt_tokens,
    prefill: phaseEntry(b.prefill, s.moe_layers),
    decode: phaseEntry(b.decode, s.moe_layers),
    router: Object.fromEntries(MECHANISMS.map((k) => [k, b.router[k]])) as Record<Mechanism, RouterSummary>,
  }));
  return roundDeep({
    format: CALIBRATION_FORMAT,
    note: weightsNote(weights),
    significant_digits: SIGNIFICANT_DIGITS,
    generator: {
      command,
      tokens_per_batch: o.tokens,
      batches: o.batches,
      corpus: { path: 'src/moe/corpus/corpus.txt', bytes: m.corpus_bytes, tokens: m.corpus_tokens },
    },
    weights,
    config: c,
    bytes_per_element: {
      weight: s.bytes_per_weight,
      activation: s.bytes_per_activation,
      kv_cache: s.bytes_per_activation,
      all_to_all: s.bytes_per_activation,
    },
    placement: {
      devices: pl.devices,
      nodes: pl.nodes,
      max_nodes_per_token: pl.max_nodes_per_token,
      expert_device: Array.from(pl.expert_device),
    },
    batches,
    router_factors: { mechanism: 'configured', by_batch: m.batches.map(factorPoint) },
  });
}

export const serializeCalibration = (cal: Calibration): string => JSON.stringify(cal, null, 2) + '\n';
