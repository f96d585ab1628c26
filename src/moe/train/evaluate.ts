// One evaluation pass of a TrainModel over fixed windows, in 'eval' routing (no jitter, no bias or K
// updates): mean next-token cross-entropy, and per MoE layer the router's picks per expert (before
// capacity), the served copies, drops and reroutes, and the (expert × token class) counts of served
// copies. Invariant: evaluating changes nothing in the model.
import { loadCv, maxVio, specializationNmi } from './balance-metrics.ts';
import { TOKEN_CLASSES } from './token-classes.ts';
import type { TrainModel } from './train-model.ts';

export interface LayerBalance {
  layer: number;
  /** router picks per expert, before capacity */
  picks: number[];
  maxvio: number;
  cv: number;
  drop_share: number;
  reroute_share: number;
  /** served copies per [expert][token class] (classes: TOKEN_CLASSES) */
  class_counts: number[][];
  nmi: number;
}

export interface Evaluation {
  tokens: number;
  ce: number;
  layers: LayerBalance[];
}

export function evaluate(model: TrainModel, chunks: Int32Array[], classOf: Int32Array): Evaluation {
  const s = model.config.shape,
    T = model.T,
    N = s.routed_experts,
    C = TOKEN_CLASSES.length;
  const moeLayers = model.routers.flatMap((r, l) => (r ? [l] : []));
  const acc = moeLayers.map((layer) => ({
    layer,
    picks: new Array<number>(N).fill(0),
    requested: 0,
    drops: 0,
    reroutes: 0,
    counts: Array.from({ length: N }, () => new Array<number>(C).fill(0)),
  }));
  let ceSum = 0,
    tokens = 0;
  for (const chunk of chunks) {
    const seqs = chunk.length / (T + 1),
      rows = seqs * T;
    ceSum += model.forward(chunk, seqs, 'eval').ce * rows;
    tokens += rows;
    for (const a of acc) {
      const r = model.ws.layers[a.layer].moe?.routing;
      if (!r) continue;
      r.stats.requested_loads.forEach((x, e) => (a.picks[e] += x));
      a.requested += r.stats.requested;
      a.drops += r.stats.drops;
      a.reroutes += r.stats.reroutes;
      for (let t = 0; t < rows; t++)
        for (let i = 0; i < r.slots; i++) {
          const e = r.experts[t * r.slots + i];
          if (e >= 0) a.counts[e][classOf[model.ws.tok[t]]]++;
        }
    }
  }
  const layers = acc.map((a) => ({
    layer: a.layer,
    picks: a.picks,
    maxvio: maxVio(a.picks),
    cv: loadCv(a.picks),
    drop_share: a.requested > 0 ? a.drops / a.requested : 0,
    reroute_share: a.requested > 0 ? a.reroutes / a.requested : 0,
    class_counts: a.counts,
    nmi: specializationNmi(a.counts),
  }));
  return { tokens, ce: tokens > 0 ? ceSum / tokens : 0, layers };
}
