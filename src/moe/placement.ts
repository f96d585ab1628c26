// Expert placement for expert parallelism: N experts in contiguous blocks on D devices, devices in
// contiguous blocks on M nodes; a token's home device is its row in the step modulo D (tokens
// spread round-robin over data-parallel ranks). Invariant: every expert has exactly one device.
import type { PlacementConfig } from './config.ts';

export interface Placement {
  devices: number;
  nodes: number;
  max_nodes_per_token: number;
  /** device of each expert */
  expert_device: Int32Array;
  /** node of each device */
  device_node: Int32Array;
}

export function makePlacement(experts: number, p: PlacementConfig): Placement {
  const perDevice = Math.max(1, experts / p.devices),
    perNode = p.devices / p.nodes;
  const expert_device = Int32Array.from({ length: experts }, (_, e) => Math.floor(e / perDevice));
  const device_node = Int32Array.from({ length: p.devices }, (_, g) => Math.floor(g / perNode));
  return { devices: p.devices, nodes: p.nodes, max_nodes_per_token: p.max_nodes_per_token, expert_device, device_node };
}

export const homeDevice = (pl: Placement, row: number): number => row % pl.devices;
export const expertNode = (pl: Placement, e: number): number => pl.device_node[pl.expert_device[e]];
