// Every buffer one training step uses, allocated once from the backend for the largest batch
// (seqs × T rows): the parameters' gradients live elsewhere (train-model.ts); here are the
// activations the backward pass needs and the scratch it writes. Invariant: nothing in a step
// allocates a buffer of the batch's size again.
import type { Backend } from '../kern/backend.ts';
import type { Buf } from '../kern/buf.ts';
import { allocAttnScratch, probSize, type AttnScratch } from '../kern/attention-train.ts';
import type { ModelShape } from '../shape.ts';
import type { MoeBuffers, MoeScratch } from './moe-block.ts';

export interface LayerActs {
  h1: Buf;
  inv1: Buf;
  qkv: Buf;
  P: Buf;
  att: Buf;
  h2: Buf;
  inv2: Buf;
  dense?: { u: Buf; h: Buf };
  moe?: MoeBuffers;
}

export interface Workspace {
  rows: number;
  tok: Int32Array;
  tgt: Int32Array;
  pos: Int32Array;
  /** residual stream: xs[2l] enters layer l, xs[2l+1] after its attention, xs[2L] leaves the last */
  xs: Buf[];
  layers: LayerActs[];
  hf: Buf;
  invf: Buf;
  probs: Buf;
  y: Buf;
  dx: Buf;
  dh: Buf;
  datt: Buf;
  dqkv: Buf;
  attScratch: AttnScratch;
  ffn: { dh: Buf; du: Buf };
  moe: MoeScratch;
}

export function allocWorkspace(be: Backend, s: ModelShape, seqs: number, T: number, slots: number): Workspace {
  const n = seqs * T,
    d = s.d_model,
    qW = s.heads * s.head_dim,
    W = (s.heads + 2 * s.kv_heads) * s.head_dim,
    f = s.expert_ffn_hidden,
    fd = s.dense_ffn_hidden,
    N = s.routed_experts,
    cap = n * slots,
    A = (k: number) => be.alloc(k);
  const firstMoe = s.layers - s.moe_layers;
  const attn = { seqs, T, heads: s.heads, kv_heads: s.kv_heads, head_dim: s.head_dim };
  const layers: LayerActs[] = Array.from({ length: s.layers }, (_, l) => ({
    h1: A(n * d),
    inv1: A(n),
    qkv: A(n * W),
    P: A(probSize(attn)),
    att: A(n * qW),
    h2: A(n * d),
    inv2: A(n),
    dense: l < firstMoe ? { u: A(n * 2 * fd), h: A(n * fd) } : undefined,
    moe: l >= firstMoe ? moeBuffers(be, n, d, f, N, cap, s.shared_experts) : undefined,
  }));
  const wide = Math.max(fd, f) * Math.max(n, cap);
  return {
    rows: n,
    tok: new Int32Array(n),
    tgt: new Int32Array(n),
    pos: new Int32Array(n),
    xs: Array.from({ length: 2 * s.layers + 1 }, () => A(n * d)),
    layers,
    hf: A(n * d),
    invf: A(n),
    probs: A(n * s.vocab),
    y: A(n * d),
    dx: A(n * d),
    dh: A(n * d),
    datt: A(n * qW),
    dqkv: A(n * W),
    attScratch: allocAttnScratch(be, attn),
    ffn: { dh: A(wide), du: A(2 * wide) },
    moe: {
      tmp: A(n * d),
      dye: A(cap * d),
      dxe: A(cap * d),
      dh: A(cap * f),
      du: A(cap * 2 * f),
      ds: A(n * N),
      dgate: new Float64Array(cap),
    },
  };
}

function moeBuffers(be: Backend, n: number, d: number, f: number, N: number, cap: number, S: number): MoeBuffers {
  return {
    copyTok: new Int32Array(cap),
    copyGate: new Float64Array(cap),
    start: new Int32Array(N + 1),
    xe: be.alloc(cap * d),
    ue: be.alloc(cap * 2 * f),
    he: be.alloc(cap * f),
    ye: be.alloc(cap * d),
    shared: Array.from({ length: S }, () => ({ u: be.alloc(n * 2 * f), h: be.alloc(n * f) })),
  };
}
