// Tree all-reduce, pipelined in chunks as NCCL's tree algorithm does: ranks form a binary tree
// (parent of i is (i-1)/2); each chunk is reduced up to the root, then broadcast down. A tree edge
// carries one chunk at a time in chunk order; a rank forwards chunk j upward once all its children
// have delivered chunk j. NCCL uses two complementary trees (double binary tree, NCCL 2.4); one
// tree carrying the whole buffer is the simple, conservative form used here.
// Invariant: completes when every non-root rank has received every chunk of the broadcast.
import { countdown } from './countdown.ts';
import type { FlowNetwork } from './flow-network.ts';

export function treeAllReduce(
  net: FlowNetwork,
  ranks: readonly number[],
  bytes: number,
  onDone: () => void,
  chunks = 1,
): void {
  const p = ranks.length;
  if (p < 1) throw new RangeError('a tree needs at least one rank');
  if (!Number.isSafeInteger(chunks) || chunks < 1)
    throw new RangeError(`chunks must be an integer >= 1 (got ${chunks})`);
  if (p === 1) return void net.send(ranks[0], ranks[0], 0, 'tree', onDone);
  const chunk = bytes / chunks;
  const children = (i: number): number[] => [2 * i + 1, 2 * i + 2].filter((c) => c < p);
  const finished = countdown((p - 1) * chunks, onDone);
  // Up: arrived[i] counts children's deliveries of the chunk rank i is waiting to forward.
  const arrived = new Int32Array(p * chunks);
  const upEdge = edgeQueues(p, (i, j, next) =>
    net.send(ranks[i], ranks[(i - 1) >> 1], chunk, `tree up ${j}`, () => {
      next();
      upArrive((i - 1) >> 1, j);
    }),
  );
  const downEdge = edgeQueues(p, (c, j, next) =>
    net.send(ranks[(c - 1) >> 1], ranks[c], chunk, `tree down ${j}`, () => {
      next();
      finished();
      broadcast(c, j);
    }),
  );
  const broadcast = (i: number, j: number): void => children(i).forEach((c) => downEdge(c, j));
  const upArrive = (i: number, j: number): void => {
    if (++arrived[i * chunks + j] < children(i).length) return;
    if (i === 0) broadcast(0, j);
    else upEdge(i, j);
  };
  for (let i = 0; i < p; i++) if (children(i).length === 0) for (let j = 0; j < chunks; j++) upEdge(i, j);
}

/** Per-edge FIFO of chunks: the edge keyed by its child rank sends one chunk at a time. */
function edgeQueues(
  p: number,
  send: (child: number, j: number, next: () => void) => void,
): (child: number, j: number) => void {
  const queues: number[][] = Array.from({ length: p }, () => []);
  const busy = new Uint8Array(p);
  const pump = (c: number): void => {
    if (busy[c] || queues[c].length === 0) return;
    busy[c] = 1;
    send(c, queues[c].shift()!, () => {
      busy[c] = 0;
      pump(c);
    });
  };
  return (c, j) => {
    queues[c].push(j);
    pump(c);
  };
}
