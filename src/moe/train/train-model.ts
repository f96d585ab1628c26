// The micro-MoE as a trainable model: the same network as the inference forward pass (model.ts:
// embedding + sinusoidal positions, pre-norm layers of causal GQA attention and a dense or MoE
// SwiGLU FFN, final RMSNorm, LM head), over whole sequences of T tokens, with a backward pass into
// gradients shaped like the weights. Parameters and gradients live in backend buffers; the routers
// are src/moe/router.ts routers reading the parameter buffers in place, so an optimizer step is
// seen by the next route. Invariants: forward then backward gives d(loss)/d(parameter) for
// loss = mean next-token cross-entropy + α·Σ_layers aux; the same inputs give the same bits.
import { createRng } from '../../engine/rng.ts';
import type { MicroConfig } from '../config.ts';
import type { Backend } from '../kern/backend.ts';
import type { Buf } from '../kern/buf.ts';
import { attentionBackward, attentionForward, type AttnShape } from '../kern/attention-train.ts';
import { sinusoidTable } from '../kernels.ts';
import { makePlacement } from '../placement.ts';
import { Router, type RouteMode } from '../router.ts';
import { mapWeights, tensorList, type ModelWeights } from '../weights.ts';
import { auxLoss } from './aux-loss.ts';
import { embedBackward, embedForward } from './embed.ts';
import { ffnBackward, ffnForward } from './ffn.ts';
import { headBackward, headForward } from './lm-head.ts';
import { linearBackward, linearForward } from './linear.ts';
import { moeBackward, moeForward } from './moe-block.ts';
import { rmsnormBackward, rmsnormForward } from './rmsnorm.ts';
import { allocWorkspace, type Workspace } from './workspace.ts';

export interface StepLoss {
  /** mean next-token cross-entropy, nats */
  ce: number;
  /** Σ over MoE layers of the auxiliary balancing loss (0 when α = 0) */
  aux: number;
}

export class TrainModel {
  readonly params: ModelWeights<Buf>;
  readonly grads: ModelWeights<Buf>;
  readonly routers: (Router | undefined)[];
  readonly ws: Workspace;
  private readonly pe: Float32Array;
  private seqs = 0;

  /** `alpha` is the auxiliary-loss coefficient; the router config carries the loss-free bias rate. */
  constructor(
    readonly config: MicroConfig,
    readonly be: Backend,
    readonly maxSeqs: number,
    readonly T: number,
    init: ModelWeights<Buf>,
    readonly alpha = 0,
  ) {
    const s = config.shape;
    if (!(T >= 1 && T <= s.context_tokens)) throw new RangeError(`sequence length ${T} outside 1..${s.context_tokens}`);
    this.params = mapWeights(init, (t) => copyInto(be.alloc(t.length), t));
    this.grads = mapWeights(init, (t) => be.alloc(t.length));
    const placement = makePlacement(s.routed_experts, config.placement);
    this.routers = this.params.layers.map((lw, l) => {
      if (!lw.router) return undefined;
      const r = new Router(
        s.d_model,
        lw.router,
        config.router,
        s.top_k,
        placement,
        createRng(config.seed, `moe.router.jitter/layer${l}`),
      );
      if (lw.router_bias) r.bias.set(lw.router_bias);
      return r;
    });
    this.pe = sinusoidTable(s.context_tokens, s.d_model);
    this.ws = allocWorkspace(be, s, maxSeqs, T, Math.max(config.router.k_max, s.top_k));
  }

  zeroGrads(): void {
    for (const { t } of tensorList(this.grads)) t.fill(0);
  }

  private attn(): AttnShape {
    const s = this.config.shape;
    return { seqs: this.seqs, T: this.T, heads: s.heads, kv_heads: s.kv_heads, head_dim: s.head_dim };
  }

  /** windows: `seqs` rows of T+1 token ids (inputs then the next-token targets). */
  forward(windows: Int32Array, seqs: number, mode: RouteMode = 'train'): StepLoss {
    const s = this.config.shape,
      d = s.d_model,
      T = this.T,
      n = seqs * T,
      ws = this.ws,
      be = this.be;
    if (seqs < 1 || seqs > this.maxSeqs) throw new RangeError(`batch of ${seqs} sequences outside 1..${this.maxSeqs}`);
    this.seqs = seqs;
    for (let b = 0; b < seqs; b++)
      for (let t = 0; t < T; t++) {
        const tok = windows[b * (T + 1) + t],
          next = windows[b * (T + 1) + t + 1];
        if (!(tok >= 0 && tok < s.vocab && next >= 0 && next < s.vocab))
          throw new RangeError(`token outside the vocabulary of ${s.vocab}`);
        ws.tok[b * T + t] = tok;
        ws.tgt[b * T + t] = next;
        ws.pos[b * T + t] = t;
      }
    embedForward(this.params.embed, this.pe, ws.tok, ws.pos, n, d, ws.xs[0]);
    let aux = 0;
    for (let l = 0; l < s.layers; l++) aux += this.layerForward(l, n, mode);
    rmsnormForward(ws.xs[2 * s.layers], 0, n, d, this.params.gf, ws.hf, 0, ws.invf, 0);
    const ce = headForward(be, ws.hf, n, d, this.params.head, s.vocab, ws.tgt, ws.probs);
    return { ce, aux };
  }

  private layerForward(l: number, n: number, mode: RouteMode): number {
    const s = this.config.shape,
      d = s.d_model,
      W = (s.heads + 2 * s.kv_heads) * s.head_dim,
      qW = s.heads * s.head_dim,
      ws = this.ws,
      a = ws.layers[l],
      lw = this.params.layers[l],
      be = this.be;
    const xin = ws.xs[2 * l],
      xmid = ws.xs[2 * l + 1],
      xout = ws.xs[2 * l + 2];
    rmsnormForward(xin, 0, n, d, lw.g1, a.h1, 0, a.inv1, 0);
    linearForward(be, a.h1, 0, n, d, lw.wqkv, W, a.qkv, 0);
    attentionForward(be, this.attn(), a.qkv, a.P, a.att, ws.attScratch);
    linearForward(be, a.att, 0, n, qW, lw.wo, d, ws.y, 0);
    for (let j = 0; j < n * d; j++) xmid[j] = xin[j] + ws.y[j];
    rmsnormForward(xmid, 0, n, d, lw.g2, a.h2, 0, a.inv2, 0);
    let aux = 0;
    if (lw.dense && a.dense)
      ffnForward(be, { x: a.h2, xo: 0, u: a.dense.u, uo: 0, h: a.dense.h, ho: 0 }, n, d, lw.dense, ws.y, 0);
    else {
      const router = this.routers[l];
      if (!router || !a.moe) throw new Error(`layer ${l} has neither a dense FFN nor a router`);
      const r = moeForward(be, a.moe, a.h2, n, d, lw, router, mode, ws.y, ws.moe.tmp);
      aux = auxLoss(r.affinity, n, s.routed_experts, r.stats.requested_loads, r.stats.requested, this.alpha, null);
    }
    for (let j = 0; j < n * d; j++) xout[j] = xmid[j] + ws.y[j];
    return aux;
  }

  /** Adds d(ce + aux)/d(parameter) of the last forward into `grads`. */
  backward(): void {
    const s = this.config.shape,
      d = s.d_model,
      n = this.seqs * this.T,
      ws = this.ws,
      be = this.be;
    headBackward(be, ws.hf, n, d, this.params.head, s.vocab, ws.tgt, ws.probs, this.grads.head, ws.dh);
    rmsnormBackward(ws.xs[2 * s.layers], 0, n, d, this.params.gf, ws.invf, 0, ws.dh, 0, this.grads.gf, ws.dx, 0, false);
    for (let l = s.layers - 1; l >= 0; l--) this.layerBackward(l, n);
    embedBackward(this.grads.embed, ws.tok, n, d, ws.dx);
  }

  /** ws.dx holds d(loss)/d(layer output) on entry and d(loss)/d(layer input) on exit. */
  private layerBackward(l: number, n: number): void {
    const s = this.config.shape,
      d = s.d_model,
      W = (s.heads + 2 * s.kv_heads) * s.head_dim,
      qW = s.heads * s.head_dim,
      ws = this.ws,
      a = ws.layers[l],
      lw = this.params.layers[l],
      gw = this.grads.layers[l],
      be = this.be;
    if (lw.dense && gw.dense && a.dense) {
      const cache = { x: a.h2, xo: 0, u: a.dense.u, uo: 0, h: a.dense.h, ho: 0 };
      ffnBackward(be, cache, n, d, lw.dense, gw.dense, ws.dx, 0, ws.ffn, ws.dh, 0, false);
    } else {
      const router = this.routers[l];
      if (!router || !a.moe) throw new Error(`layer ${l} has neither a dense FFN nor a router`);
      ws.dh.fill(0, 0, n * d);
      moeBackward(be, a.moe, a.h2, n, d, lw, gw, router, ws.dx, ws.dh, ws.moe, this.alpha);
    }
    rmsnormBackward(ws.xs[2 * l + 1], 0, n, d, lw.g2, a.inv2, 0, ws.dh, 0, gw.g2, ws.dx, 0, true);
    linearBackward(be, a.att, 0, n, qW, lw.wo, d, ws.dx, 0, gw.wo, ws.datt, 0, false);
    attentionBackward(be, this.attn(), a.qkv, a.P, ws.datt, ws.dqkv, ws.attScratch);
    linearBackward(be, a.h1, 0, n, d, lw.wqkv, W, ws.dqkv, 0, gw.wqkv, ws.dh, 0, false);
    rmsnormBackward(ws.xs[2 * l], 0, n, d, lw.g1, a.inv1, 0, ws.dh, 0, gw.g1, ws.dx, 0, true);
  }
}

function copyInto(dst: Buf, src: Buf): Buf {
  dst.set(src);
  return dst;
}
