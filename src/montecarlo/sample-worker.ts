// The body of a sweep worker thread: its first message is the sweep context the main thread
// parsed (no file reading, no schema compiling here; a message rather than workerData so the
// worker can start loading modules before the scenario is loaded, src/montecarlo/workers.ts),
// then it answers each `{start, end}` request with the summaries of those samples, packed into a
// few typed arrays that are transferred, not copied. A user error (a sample outside the schema)
// is sent back as its problem lines, for the main thread to rethrow.
import type { MessagePort } from 'node:worker_threads';
import { InputError } from '../io/errors.ts';
import { runRange, type SweepContext } from './run-samples.ts';
import { pack, transferList, type PackedSummaries } from './packed.ts';
import { fromWorkerData, type WorkerData } from './worker-data.ts';

export interface ChunkRequest {
  start: number;
  end: number;
}
export type ChunkReply =
  { ok: true; packed: PackedSummaries } | { ok: false; problems: string[] | null; message: string };

/** Serves `port`: the first message is the context, every later one a chunk request. */
export function startWorker(port: MessagePort): void {
  port.once('message', (data: WorkerData) => serve(port, fromWorkerData(data)));
}

function serve(port: MessagePort, ctx: SweepContext): void {
  port.on('message', (req: ChunkRequest) => {
    let reply: ChunkReply;
    try {
      const packed = pack(req.start, runRange(ctx, req.start, req.end));
      port.postMessage({ ok: true, packed } satisfies ChunkReply, transferList(packed));
      return;
    } catch (e) {
      reply = {
        ok: false,
        problems: e instanceof InputError ? e.problems : null,
        message: (e as Error)?.stack ?? String(e),
      };
    }
    port.postMessage(reply);
  });
}
