// Ring collectives the way NCCL runs them: p ranks in a ring; in each of s steps every rank sends
// one chunk of n/p bytes to its successor, and may send step k only after it has received step
// k-1 from its predecessor. All-reduce is 2(p-1) steps (reduce-scatter then all-gather), each of
// those alone is p-1 steps (NCCL src/graph/tuning.cc: all-reduce steps = 2(nRanks-1)).
// Channels split the payload over parallel rings whose node exits use different GPUs' NICs.
// Invariant: the collective completes when the last chunk of the last step has arrived.
import { countdown } from './countdown.ts';
import type { FlowNetwork } from './flow-network.ts';

export const RingKind = { allReduce: 'all_reduce', reduceScatter: 'reduce_scatter', allGather: 'all_gather' } as const;
export type RingKind = (typeof RingKind)[keyof typeof RingKind];

/** Steps each ring collective takes on p ranks. */
export const ringSteps = (kind: RingKind, p: number): number => (kind === RingKind.allReduce ? 2 * (p - 1) : p - 1);

/**
 * Runs a ring collective over `ranks` (GPU ids) with `bytes` the full buffer per rank (all-reduce
 * and reduce-scatter input, all-gather output). Calls onDone when the collective completes.
 */
export function ringCollective(
  net: FlowNetwork,
  kind: RingKind,
  ranks: readonly number[],
  bytes: number,
  onDone: () => void,
  channels = 1,
): void {
  const p = ranks.length;
  if (p < 1) throw new RangeError('a ring needs at least one rank');
  if (!Number.isSafeInteger(channels) || channels < 1)
    throw new RangeError(`channels must be an integer >= 1 (got ${channels})`);
  const steps = ringSteps(kind, p);
  if (steps === 0) return void net.send(ranks[0], ranks[0], 0, kind, onDone);
  const done = countdown(channels, onDone);
  for (let c = 0; c < channels; c++) runRing(net, kind, channelOrder(net, ranks, c), bytes / channels / p, steps, done);
}

function runRing(
  net: FlowNetwork,
  label: string,
  order: readonly number[],
  chunk: number,
  steps: number,
  onDone: () => void,
): void {
  const p = order.length;
  const finished = countdown(p, onDone);
  const sendStep = (i: number, k: number): void => {
    const to = (i + 1) % p;
    net.send(order[i], order[to], chunk, `${label} step ${k}`, () =>
      k + 1 < steps ? sendStep(to, k + 1) : finished(),
    );
  };
  for (let i = 0; i < p; i++) sendStep(i, 0);
}

/** Ring order for channel c: node-major, each node's GPUs rotated by c, so exits use distinct NICs. */
export function channelOrder(net: FlowNetwork, ranks: readonly number[], c: number): number[] {
  if (c === 0) return [...ranks];
  const byNode = new Map<number, number[]>();
  for (const r of ranks) {
    const n = net.topo.nodeOf(r);
    if (!byNode.has(n)) byNode.set(n, []);
    byNode.get(n)!.push(r);
  }
  return [...byNode.values()].flatMap((g) => g.map((_, i) => g[(i + c) % g.length]));
}
