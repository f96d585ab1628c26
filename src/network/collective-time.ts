// Times a collective on a fresh simulation: the data-parallel gradient all-reduce as NCCL runs it
// across nodes, one ring per rail (GPU local index), so a rail's ring uses its own NICs.
// Invariant: a pure function of its inputs; records are kept only when asked (traces).
import { Environment } from '../engine/index.ts';
import type { ClusterShape } from './cluster-shape.ts';
import { FlowNetwork } from './flow-network.ts';
import type { FlowRecord } from './flow-sink.ts';
import { ringCollective, RingKind } from './ring.ts';
import { buildTopology } from './topology.ts';
import { treeAllReduce } from './tree.ts';

export const AllReduceAlgo = { ring: 'ring', tree: 'tree' } as const;
export type AllReduceAlgo = (typeof AllReduceAlgo)[keyof typeof AllReduceAlgo];

export interface CollectiveRun {
  t_us: number;
  flows: number;
  records: FlowRecord[];
}

/**
 * All-reduce of `bytes` per GPU over every GPU of the cluster, hierarchically as data-parallel
 * training does it with one ring (or tree) per rail: rail r holds GPU r of every node. Each rail
 * carries bytes / gpus_per_node (NCCL splits the buffer over channels, one per NIC).
 */
export function simulateRailAllReduce(
  cluster: ClusterShape,
  bytes: number,
  algo: AllReduceAlgo = AllReduceAlgo.ring,
  record = false,
): CollectiveRun {
  const topo = buildTopology(cluster);
  const env = new Environment();
  const net = new FlowNetwork(env, topo, { record });
  const per = cluster.gpus_per_node;
  let last = 0;
  let pending = per;
  const done = (): void => {
    last = net.now;
    pending--;
  };
  for (let r = 0; r < per; r++) {
    const ranks = Array.from({ length: topo.nodes }, (_, n) => n * per + r);
    if (algo === AllReduceAlgo.ring) ringCollective(net, RingKind.allReduce, ranks, bytes / per, done);
    else treeAllReduce(net, ranks, bytes / per, done, 8);
  }
  env.run();
  if (pending !== 0) throw new Error('all-reduce did not complete');
  return { t_us: last, flows: net.flowsStarted, records: net.records };
}
