// Shared fixtures for the network tests: small clusters and a runner that returns completion time.
import { Environment } from '../../src/engine/index.ts';
import { H100_CLUSTER, type ClusterShape } from '../../src/network/cluster-shape.ts';
import { FlowNetwork } from '../../src/network/flow-network.ts';
import { buildTopology } from '../../src/network/topology.ts';

export function cluster(over: Partial<ClusterShape>): ClusterShape {
  return { ...H100_CLUSTER, ...over };
}

/** Runs `body` on a fresh network; returns the time its onDone fired and the network. */
export function timeOf(
  shape: ClusterShape,
  body: (net: FlowNetwork, done: () => void) => void,
  record = false,
): { t_us: number; net: FlowNetwork } {
  const env = new Environment();
  const net = new FlowNetwork(env, buildTopology(shape), { record });
  let t_us = NaN;
  body(net, () => (t_us = net.now));
  env.run();
  return { t_us, net };
}
