// Where an MoE family's experts sit at the frontier: the scenario's EP degree (DeepSeek-V3's EP64
// by default) in whole scale-up domains, at most one GPU per expert, with its node limit and its
// all-to-all widths; shared experts cross the all-to-all only when placed as routed copies. Dense
// families get a trivial placement (no all-to-all).
import type { MoeParams } from '../params/params.ts';
import type { ModelShape } from '../moe/shape.ts';
import { epDevices } from './imbalance-law.ts';
import type { Placement } from './profile.ts';

export const isMoe = (s: ModelShape): boolean => s.moe_layers > 0 && s.routed_experts > 0 && s.top_k > 0;

export function moePlacement(moe: MoeParams, shape: ModelShape, domain: number): Placement {
  if (!isMoe(shape)) return { ep_devices: 1, gpus_per_node: domain, max_nodes_per_token: 1 };
  const ep = epDevices(moe.ep_devices, domain, shape.routed_experts);
  const nodes = Math.ceil(ep / Math.max(1, domain));
  return {
    ep_devices: ep,
    gpus_per_node: domain,
    max_nodes_per_token: moe.node_limit > 0 ? Math.min(moe.node_limit, nodes) : nodes,
    a2a_bytes_per_element: moe.dispatch_bytes_per_element + moe.combine_bytes_per_element,
    shared_copies: moe.shared_placement === 'routed' ? shape.shared_experts : 0,
  };
}
