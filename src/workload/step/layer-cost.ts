// What one layer (or a pipeline end) costs one GPU for one micro-batch under a plan: the op list of
// layer-ops.ts timed on the roofline (kernels.ts), the TP, CP and EP communication of the layer,
// the activation recompute the plan asks for (recompute.ts) and the activation bytes it keeps.
// Costs are cached per (model, cluster) by the plan fields they depend on, so a plan search times
// each layer kind once per distinct (TP, CP, micro-batch, precision, ...) combination.
// Invariant: every field is finite and >= 0; compute and communication are kept apart (the
// schedule decides what overlaps).
import type { StepCluster } from './cluster.ts';
import { cpLayerComm } from './cp.ts';
import { closedFormA2a, FP8_DISPATCH_BYTES, type A2aTimer } from './ep.ts';
import { roofline } from './kernels.ts';
import {
  attentionOps,
  copyTally,
  denseMlpOps,
  embeddingOps,
  headOps,
  moeOps,
  mtpOps,
  newTally,
  type OpContext,
} from './layer-ops.ts';
import { headDims, type StepModel } from './model.ts';
import type { Plan } from './plan.ts';
import { applyRecompute, type LayerTime, type RawCost } from './recompute.ts';
import { tpHeadComm, tpLayerComm, type PassComm } from './tp.ts';

export type { LayerTime } from './recompute.ts';

/** Options beyond the plan: the all-to-all timer and the router's load imbalance. */
export interface StepOptions {
  a2a?: A2aTimer;
  /** Tokens the busiest GPU's experts receive / the mean (default 1: balanced). */
  expert_imbalance?: number;
  /** Node-limited routing: most scale-up domains a token's experts may span (DeepSeek-V3: 4). */
  node_limit?: number;
}

export interface LayerCosts {
  dense: LayerTime;
  moe: LayerTime;
  /** Extra work of the first pipeline stage (embedding). */
  first: LayerTime;
  /** Extra work of the last pipeline stage (final norm, LM head, loss, MTP modules). */
  last: LayerTime;
}

const BYTES_PER_ELEMENT = { bf16: 2, fp8: 1, fp4: 0.5 } as const;
const NONE: PassComm = { fwd_us: 0, bwd_us: 0 };

export function opContext(m: StepModel, p: Plan, o: StepOptions): OpContext {
  return {
    n: (p.micro_batch * m.context_tokens) / p.cp,
    seq: m.context_tokens,
    tp: p.tp,
    sp: p.sequence_parallel && p.tp > 1,
    b: 2,
    bin: BYTES_PER_ELEMENT[p.precision],
    materialized: p.attention_kernel === 'materialized',
    ep: p.ep,
    imbalance: o.expert_imbalance ?? 1,
  };
}

/** A model's and cluster class's costs: by the plan's small integer fields (numericKey) within the
 * rest of the key (restKey), or by the whole key as a string where a field is out of range. */
interface Tables {
  byRest: Map<string, Map<number, LayerCosts>>;
  byString: Map<string, LayerCosts>;
}
let cache = new WeakMap<StepModel, WeakMap<object, Tables>>();
/** Layer costs kept for the process; past this many the cache starts afresh (models are canonical
 * and live on, so a sweep's samples would otherwise add tables without end). ~1.3 kB each. A search
 * reuses its own costs many times; later searches (new seeds, other years) need mostly new ones
 * (other batches and imbalances), so a larger table only grows the live heap the GC marks: with
 * 50,000 a derived-MFU run held ~30 MB of costs (~5 of them reused per new seed), at this size ~3 MB
 * for ~12 costs found again per new seed (E: bench/scenario.ts --derived, seeds 200-400). */
const MAX_KEPT = 2_000;
let kept = 0;
/** A new entry: counted, and the cache emptied first if full (costs are found again on demand). */
function keeping(): void {
  if (++kept <= MAX_KEPT) return;
  cache = new WeakMap();
  last = null;
  kept = 1;
}

/** Cluster classes kept interned; past this many the table starts afresh (a sweep's samples). */
const MAX_CLASSES = 256;
const classTokens = new Map<string, object>();
const tokenOf = new WeakMap<StepCluster, object>();

/** One token per cluster class: its figures without the GPU count, which no layer cost reads
 * (a run's plans at every size and the searches with and without HBM bounds share the costs). */
function clusterClass(c: StepCluster): object {
  let t = tokenOf.get(c);
  if (!t) {
    const { gpus: _gpus, ...figures } = c;
    const k = JSON.stringify(figures);
    t = classTokens.get(k);
    if (!t) {
      if (classTokens.size >= MAX_CLASSES) classTokens.clear();
      classTokens.set(k, (t = {}));
    }
    tokenOf.set(c, t);
  }
  return t;
}

const RECOMPUTE_INDEX: Record<string, number | undefined> = { none: 0, selective: 1, full: 2 };
const inRange = (x: number, limit: number): boolean => Number.isInteger(x) && x >= 0 && x < limit;

/** TP, CP, EP, micro-batch, recompute and communication SMs as one integer (52 bits), or null
 * where one is out of its range (the string key then serves). */
function numericKey(p: Plan): number | null {
  const rc = RECOMPUTE_INDEX[p.recompute];
  if (rc === undefined || !inRange(p.tp, 4096) || !inRange(p.cp, 64) || !inRange(p.ep, 65536)) return null;
  if (!inRange(p.micro_batch, 64) || !inRange(p.comm_sms, 1024)) return null;
  return ((((p.comm_sms * 4 + rc) * 64 + p.micro_batch) * 65536 + p.ep) * 64 + p.cp) * 4096 + p.tp;
}

/** The rest of the key, kept for the fields last asked for (a search asks with the same ones). */
let rest = { precision: '', sp: false, attention: '', cp_kind: '', overlap: NaN, imbalance: NaN, node: NaN, key: '' };
function restKey(p: Plan, o: StepOptions): string {
  const imbalance = o.expert_imbalance ?? 1,
    node = o.node_limit ?? 0;
  const r = rest;
  if (
    r.precision === p.precision &&
    r.sp === p.sequence_parallel &&
    r.attention === p.attention_kernel &&
    r.cp_kind === p.cp_kind &&
    r.overlap === p.tp_overlap &&
    r.imbalance === imbalance &&
    r.node === node
  )
    return r.key;
  const key = `${p.precision}|${p.sequence_parallel}|${p.attention_kernel}|${p.cp_kind}|${p.tp_overlap}|${imbalance}|${node}`;
  rest = {
    precision: p.precision,
    sp: p.sequence_parallel,
    attention: p.attention_kernel,
    cp_kind: p.cp_kind,
    overlap: p.tp_overlap,
    imbalance,
    node,
    key,
  };
  return key;
}

/** The tables asked for last, with their model and cluster (a search asks for one pair many times). */
let last: { m: StepModel; c: StepCluster; t: Tables } | null = null;

function tablesOf(m: StepModel, c: StepCluster): Tables {
  if (last !== null && last.m === m && last.c === c) return last.t;
  let byCluster = cache.get(m);
  if (!byCluster) cache.set(m, (byCluster = new WeakMap()));
  const cls = clusterClass(c);
  let t = byCluster.get(cls);
  if (!t) byCluster.set(cls, (t = { byRest: new Map(), byString: new Map() }));
  last = { m, c, t };
  return t;
}

export function layerCosts(m: StepModel, c: StepCluster, p: Plan, o: StepOptions = {}): LayerCosts {
  // The a2a timer is not in the key: results are cached only for the default timer.
  if (!(o.a2a === undefined || o.a2a === closedFormA2a)) return computeLayerCosts(m, c, p, o);
  const t = tablesOf(m, c);
  const n = numericKey(p);
  if (n === null) {
    const key = `${p.tp}|${p.cp}|${p.ep}|${p.micro_batch}|${p.recompute}|${p.comm_sms}|${restKey(p, o)}`;
    let hit = t.byString.get(key);
    if (!hit) {
      hit = computeLayerCosts(m, c, p, o);
      keeping();
      tablesOf(m, c).byString.set(key, hit);
    }
    return hit;
  }
  const r = restKey(p, o);
  let hit = t.byRest.get(r)?.get(n);
  if (!hit) {
    hit = computeLayerCosts(m, c, p, o);
    keeping();
    const u = tablesOf(m, c);
    let byNumber = u.byRest.get(r);
    if (!byNumber) u.byRest.set(r, (byNumber = new Map()));
    byNumber.set(n, hit);
  }
  return hit;
}

function computeLayerCosts(m: StepModel, c: StepCluster, p: Plan, o: StepOptions): LayerCosts {
  const ctx = opContext(m, p, o);
  const r = roofline(c, p.precision, p.comm_sms);
  const tp = tpLayerComm(c, p, ctx.n, m.d_model, ctx.b);
  const input = (ctx.sp ? ctx.n / p.tp : ctx.n) * m.d_model * ctx.b;
  const layer = (raw: RawCost, ep: PassComm): LayerTime => {
    const cp = cpLayerComm(c, p.cp, p.tp, p.cp_kind, kvBytes(m, ctx), raw.attention);
    return applyRecompute(raw, { tp, cp, ep, input_bytes: input }, p.recompute);
  };
  // the op lists: attention then the dense MLP, attention then the MoE FFN, the ends
  const attn = newTally(r);
  attentionOps(attn, m, ctx);
  const dense = copyTally(attn);
  denseMlpOps(dense, m, ctx);
  let moe = attn;
  if (m.moe_layers > 0) {
    moe = copyTally(attn);
    moeOps(moe, m, ctx);
  }
  const first = newTally(r);
  embeddingOps(first, m, ctx);
  const last = newTally(r);
  headOps(last, m, ctx);
  for (let i = 0; i < (m.mtp_depth ?? 0); i++) mtpOps(last, m, ctx);
  const headTp = tpHeadComm(c, p, ctx.n, m.d_model, ctx.b);
  const ends = { tp: headTp, cp: NONE, ep: NONE, input_bytes: 0 };
  return {
    dense: layer(dense.raw, NONE),
    moe: m.moe_layers > 0 ? layer(moe.raw, a2aComm(m, c, p, o, ctx)) : layer(moe.raw, NONE),
    first: applyRecompute(first.raw, { ...ends, tp: NONE }, 'none'),
    last: applyRecompute(last.raw, ends, 'none'),
  };
}

/** This rank's keys and values for one micro-batch (what context parallelism exchanges). */
function kvBytes(m: StepModel, ctx: OpContext): number {
  const { qk, v } = headDims(m);
  const heads = m.mla ? m.heads / ctx.tp : Math.max(1, m.kv_heads / ctx.tp);
  return ctx.n * heads * (qk + v) * ctx.b;
}

/** Dispatch + combine per MoE layer per micro-batch, forward; backward moves the same bytes back. */
function a2aComm(m: StepModel, c: StepCluster, p: Plan, o: StepOptions, ctx: OpContext): PassComm {
  const t = (o.a2a ?? closedFormA2a)({
    cluster: c,
    ep: p.ep,
    stride: p.tp,
    tokens_per_gpu: ctx.n / p.tp,
    top_k: m.top_k,
    experts: m.routed_experts,
    d_model: m.d_model,
    dispatch_bytes_per_element: p.precision === 'bf16' ? 2 : FP8_DISPATCH_BYTES,
    combine_bytes_per_element: 2,
    node_limit: o.node_limit,
    imbalance: ctx.imbalance,
  });
  const both = t.dispatch_us + t.combine_us;
  return { fwd_us: both, bwd_us: both };
}
