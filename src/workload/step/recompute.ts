// Activation recompute (Korthikanti et al., "Reducing Activation Recomputation in Large
// Transformer Models", 2022): what a layer keeps for its backward pass and what it reruns.
// - none: every saved tensor stays in HBM until the micro-batch's backward;
// - selective: the cheap, memory-heavy ops (norms, activation functions, a materialized softmax,
//   MLA up-projections: layer-ops.ts marks them) are rerun in backward instead of kept;
// - full: only the layer input is kept; the whole forward, communication included, reruns in
//   backward (Megatron-LM checkpoints each layer), with one layer's activations live at a time.
// Invariant: recompute never lowers time and never raises the kept bytes: none >= selective >= full.
import type { PassComm } from './tp.ts';
import type { Recompute } from './plan.ts';

/** A layer's op list timed on the roofline, before recompute. */
export interface RawCost {
  fwd_us: number;
  dgrad_us: number;
  wgrad_us: number;
  /** Forward time of the ops selective recompute reruns. */
  selective_us: number;
  fwd_flops: number;
  bwd_flops: number;
  selective_flops: number;
  /** Activation bytes kept with no recompute, and with selective recompute (layer input excluded). */
  saved_bytes: number;
  selective_saved_bytes: number;
  /** The attention kernel's own time (what ring attention overlaps). */
  attention: PassComm;
}

/** One layer (or pipeline end) for one micro-batch on one GPU, recompute applied. */
export interface LayerTime {
  fwd_us: number;
  /** Backward compute: input and weight gradients plus recompute. */
  bwd_us: number;
  /** The weight-gradient share of bwd_us (DualPipe's W). */
  wgrad_us: number;
  /** The recompute share of bwd_us. */
  recompute_us: number;
  /** Exposed tensor- and context-parallel time; the backward includes what recompute reruns. */
  tp: PassComm;
  cp: PassComm;
  /** Expert all-to-all time per pass (the schedule decides how much hides). */
  ep: PassComm;
  /** Hardware FLOPs: forward, backward and recompute. */
  flops: number;
  /** Activation bytes kept from a micro-batch's forward until its backward (per rank: all in flight). */
  act_bytes: number;
  /** Transient bytes while the layer runs its backward (full recompute rebuilds one layer). */
  work_bytes: number;
}

export interface LayerComm {
  tp: PassComm;
  cp: PassComm;
  ep: PassComm;
  /** The layer's input activations (the one tensor full recompute keeps). */
  input_bytes: number;
}

export function applyRecompute(raw: RawCost, comm: LayerComm, mode: Recompute): LayerTime {
  const base = raw.dgrad_us + raw.wgrad_us;
  const flops = raw.fwd_flops + raw.bwd_flops;
  const t: LayerTime = {
    fwd_us: raw.fwd_us,
    bwd_us: base,
    wgrad_us: raw.wgrad_us,
    recompute_us: 0,
    tp: comm.tp,
    cp: comm.cp,
    ep: comm.ep,
    flops,
    act_bytes: comm.input_bytes + raw.saved_bytes,
    work_bytes: 0,
  };
  if (mode === 'selective') {
    t.recompute_us = raw.selective_us;
    t.flops += raw.selective_flops;
    t.act_bytes = comm.input_bytes + raw.selective_saved_bytes;
  } else if (mode === 'full') {
    t.recompute_us = raw.fwd_us;
    t.flops += raw.fwd_flops;
    t.act_bytes = comm.input_bytes;
    t.work_bytes = raw.saved_bytes;
    const rerun = (c: PassComm): PassComm => ({ fwd_us: c.fwd_us, bwd_us: c.bwd_us + c.fwd_us });
    t.tp = rerun(comm.tp);
    t.cp = rerun(comm.cp);
    t.ep = rerun(comm.ep);
  }
  t.bwd_us += t.recompute_us;
  return t;
}
