// The router mechanisms the calibration measures one at a time, each a patch over the configured
// router and placement, replayed on the same recorded router inputs. Invariant: `configured` is the
// config unchanged, so its replay equals what the forward pass routed.
import { createRng } from '../engine/rng.ts';
import type { MicroConfig, RouterConfig } from '../moe/config.ts';
import { makePlacement } from '../moe/placement.ts';
import { Router, type BatchStats } from '../moe/router.ts';

export const MECHANISMS = [
  'plain',
  'capacity',
  'capacity_backup',
  'bias',
  'two_stage',
  'node_limited',
  'adaptive_k',
  'configured',
] as const;
export type Mechanism = (typeof MECHANISMS)[number];

/** Router and node limit for one mechanism; `plain` = top-K, dropless, no jitter/bias/limit. */
export function mechanismConfig(c: MicroConfig, m: Mechanism): { router: RouterConfig; max_nodes: number } {
  if (m === 'configured') return { router: c.router, max_nodes: c.placement.max_nodes_per_token };
  const plain: RouterConfig = {
    ...c.router,
    capacity_factor: 0,
    jitter_eps: 0,
    bias_update_rate: 0,
    shortlist: 0,
    backup: false,
    adaptive_k: false,
  };
  const cf = c.router.capacity_factor > 0 ? c.router.capacity_factor : 1.25; // Switch's 1.25 if the config is dropless
  const capped = { ...plain, capacity_factor: cf };
  const unlimited = c.placement.nodes;
  switch (m) {
    case 'plain':
      return { router: plain, max_nodes: unlimited };
    case 'capacity':
      return { router: capped, max_nodes: unlimited };
    case 'capacity_backup':
      return { router: { ...capped, backup: true }, max_nodes: unlimited };
    case 'bias':
      return { router: { ...plain, bias_update_rate: c.router.bias_update_rate || 0.01 }, max_nodes: unlimited };
    case 'two_stage':
      return {
        router: {
          ...capped,
          backup: true,
          shortlist: c.router.shortlist || Math.min(c.shape.routed_experts, 2 * c.router.k_max),
        },
        max_nodes: unlimited,
      };
    case 'node_limited':
      return {
        router: plain,
        max_nodes: Math.min(c.placement.max_nodes_per_token, Math.max(1, c.placement.nodes - 1)),
      };
    case 'adaptive_k':
      return { router: { ...capped, backup: true, adaptive_k: true }, max_nodes: unlimited };
  }
}

/** Replay one mechanism over recorded inputs: inputs[layer] is the list of (x, rows) per step; biases are trained router biases. */
export function replay(
  c: MicroConfig,
  m: Mechanism,
  routerWeights: Map<number, Float32Array>,
  inputs: Map<number, { x: Float32Array; rows: number }[]>,
  biases: Map<number, Float64Array> = new Map(),
): BatchStats[] {
  const { router, max_nodes } = mechanismConfig(c, m);
  const placement = makePlacement(c.shape.routed_experts, { ...c.placement, max_nodes_per_token: max_nodes });
  const out: BatchStats[] = [];
  for (const [layer, steps] of inputs) {
    const w = routerWeights.get(layer);
    if (!w) continue;
    const r = new Router(
      c.shape.d_model,
      w,
      router,
      c.shape.top_k,
      placement,
      createRng(c.seed, `moe.router.jitter/layer${layer}`),
    );
    const bias = biases.get(layer);
    if (bias) r.bias.set(bias); // trained loss-free bias: the forward pass's routers start from it too
    for (const s of steps) out.push(r.route(s.x, s.rows).stats);
  }
  return out;
}
