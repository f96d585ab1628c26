// The body of a sweep worker thread: loads the scenario once, then answers each `{start, end}`
// request with the summaries of those samples (typed arrays transferred, not copied). A user error
// (a sample outside the schema) is sent back as its problem lines, for the main thread to rethrow.
import type { MessagePort } from 'node:worker_threads';
import { InputError } from '../io/errors.ts';
import { loadFor, runRange, type SweepSpec } from './run-samples.ts';
import type { SampleSummary } from './summary.ts';

export interface ChunkRequest {
  start: number;
  end: number;
}
export type ChunkReply =
  { ok: true; start: number; summaries: SampleSummary[] } | { ok: false; problems: string[] | null; message: string };

export function startWorker(port: MessagePort, spec: SweepSpec): void {
  const loaded = loadFor(spec);
  port.on('message', (req: ChunkRequest) => {
    let reply: ChunkReply;
    try {
      const summaries = runRange(loaded, spec, req.start, req.end);
      const transfer = summaries.flatMap((s) => [s.headroom.buffer, s.inputs.buffer]) as ArrayBuffer[];
      port.postMessage({ ok: true, start: req.start, summaries } satisfies ChunkReply, transfer);
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
