// Chrome/Perfetto trace of simulated flows (JSON trace event format, "X" complete events; Google,
// "Trace Event Format", 2016): one process per node, one thread per sending GPU, times in us.
// Invariant: the text is a pure function of the records (fixed key order, times rounded to 1 ns),
// so the same simulation gives the same trace byte for byte (write it with src/io/atomic/file.ts).
import type { FlowRecord } from './flow-sink.ts';
import type { Topology } from './topology.ts';

const ns = (us: number): number => Math.round(us * 1e3) / 1e3;

export function chromeTrace(records: readonly FlowRecord[], topo: Topology): string {
  const events: string[] = [];
  const nodes = new Set<number>(),
    gpus = new Set<number>();
  for (const r of records) {
    nodes.add(topo.nodeOf(r.src));
    gpus.add(r.src);
  }
  for (const n of [...nodes].sort((a, b) => a - b))
    events.push(JSON.stringify({ name: 'process_name', ph: 'M', pid: n, tid: 0, args: { name: `node ${n}` } }));
  for (const g of [...gpus].sort((a, b) => a - b))
    events.push(
      JSON.stringify({ name: 'thread_name', ph: 'M', pid: topo.nodeOf(g), tid: g, args: { name: `gpu ${g}` } }),
    );
  for (const r of records) {
    events.push(
      JSON.stringify({
        name: r.label,
        cat: 'flow',
        ph: 'X',
        ts: ns(r.start_us),
        dur: ns(r.end_us - r.start_us),
        pid: topo.nodeOf(r.src),
        tid: r.src,
        args: { dst: r.dst, bytes: r.bytes, active_us: ns(r.active_us) },
      }),
    );
  }
  return `{"displayTimeUnit":"ns","traceEvents":[\n${events.join(',\n')}\n]}\n`;
}
