// One training step as a Chrome/Perfetto trace (JSON trace event format, "X" complete events;
// Google, "Trace Event Format", 2016): one process per pipeline rank, with a compute track (each
// forward and backward pass of each micro-batch, from schedule-sim.ts) and one track per
// collective: TP, CP and EP inside each pass, PP transfers after each pass, DP and the optimizer
// update after the rank's last backward. Times in us.
// Invariant: the text is a pure function of (model, cluster, plan, options): fixed key order,
// times rounded to 1 ns, so the same step gives the same trace byte for byte.
import type { StepCluster } from './cluster.ts';
import { p2pUs } from './collectives.ts';
import { dpRankTime, optimizerUs } from './dp.ts';
import { layerCosts, type StepOptions } from './layer-cost.ts';
import type { StepModel } from './model.ts';
import { pipelinePaths, rankCosts } from './partition.ts';
import { microBatches, type Plan } from './plan.ts';
import { simulateSchedule, type PassEvent } from './schedule-sim.ts';

const TRACKS = ['compute', 'TP', 'CP', 'EP', 'PP', 'DP'] as const;
const ns = (us: number): number => Math.round(us * 1e3) / 1e3;

export interface StepTrace {
  json: string;
  /** End of the last event: the simulated step (compare with stepTime's step_us). */
  makespan_us: number;
  events: number;
}

function event(name: string, pid: number, tid: number, start: number, dur: number, args?: object): string {
  return JSON.stringify({ name, cat: TRACKS[tid], ph: 'X', ts: ns(start), dur: ns(dur), pid, tid, args: args ?? {} });
}

/** Collective events inside one pass: each exposed piece at the pass's end, EP under DualPipe over the whole pass. */
function passComms(e: PassEvent, p: Plan, cost: PassCost): string[] {
  const out: string[] = [];
  const f = e.kind === 'F';
  const pieces: Array<[number, number]> = [
    [1, f ? cost.tp.fwd_us : cost.tp.bwd_us],
    [2, f ? cost.cp.fwd_us : cost.cp.bwd_us],
    [3, f ? cost.ep.fwd_us : cost.ep.bwd_us],
  ];
  let t = e.end_us;
  for (const [tid, us] of pieces) {
    if (us <= 0) continue;
    const hidden = tid === 3 && p.schedule === 'dualpipe';
    const start = hidden ? e.start_us : (t -= us);
    out.push(event(`${TRACKS[tid]} ${e.kind}${e.mb}`, e.rank, tid, start, us, hidden ? { overlapped: true } : {}));
  }
  return out;
}

interface PassCost {
  tp: { fwd_us: number; bwd_us: number };
  cp: { fwd_us: number; bwd_us: number };
  ep: { fwd_us: number; bwd_us: number };
}

export function stepTrace(m: StepModel, c: StepCluster, p: Plan, o: StepOptions = {}): StepTrace {
  const costs = layerCosts(m, c, p, o);
  const paths = pipelinePaths(m, p, costs);
  const mb = microBatches(p);
  const tokens = (p.micro_batch * m.context_tokens) / p.cp;
  const p2p = p2pUs(c, p.tp * p.cp * p.dp, (tokens / p.tp) * m.d_model * 2);
  const passes = simulateSchedule(paths, p, mb, p.pp > 1 ? p2p : 0);
  const lines: string[] = [];
  for (let r = 0; r < p.pp; r++) {
    lines.push(JSON.stringify({ name: 'process_name', ph: 'M', pid: r, tid: 0, args: { name: `stage ${r}` } }));
    TRACKS.forEach((t, tid) =>
      lines.push(JSON.stringify({ name: 'thread_name', ph: 'M', pid: r, tid, args: { name: t } })),
    );
  }
  const lastEnd = new Array<number>(p.pp).fill(0);
  for (const e of passes) {
    const stage = paths[e.path][e.stage];
    const label = `${e.kind}${e.mb}${paths[e.path].length > p.pp ? `.c${Math.floor(e.stage / p.pp)}` : ''}${e.path ? "'" : ''}`;
    lines.push(event(label, e.rank, 0, e.start_us, e.end_us - e.start_us, { micro_batch: e.mb, stage: e.stage }));
    lines.push(...passComms(e, p, stage.cost));
    const next = e.kind === 'F' ? paths[e.path][e.stage + 1] : paths[e.path][e.stage - 1];
    if (next && next.rank !== e.rank && p2p > 0) lines.push(event(`send ${e.kind}${e.mb}`, e.rank, 4, e.end_us, p2p));
    lastEnd[e.rank] = Math.max(lastEnd[e.rank], e.end_us);
  }
  const ranks = rankCosts(m, p, costs);
  let makespan = Math.max(...lastEnd);
  ranks.forEach((r, i) => {
    const dp = dpRankTime(c, p, r, i, mb);
    const opt = optimizerUs(c, p, r);
    const dpEnd = lastEnd[i] + dp.exposed_us;
    if (dp.comm_us > 0)
      lines.push(event('DP reduce (exposed part)', i, 5, lastEnd[i], dp.exposed_us, { comm_us: ns(dp.comm_us) }));
    lines.push(event('optimizer', i, 0, dpEnd, opt));
    makespan = Math.max(makespan, dpEnd + opt);
  });
  return {
    json: `{"displayTimeUnit":"ns","traceEvents":[\n${lines.join(',\n')}\n]}\n`,
    makespan_us: makespan,
    events: lines.length,
  };
}
