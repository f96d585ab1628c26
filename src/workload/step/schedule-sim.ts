// A task-level simulation of one step's pipeline schedule, for the trace: every forward and
// backward pass of every micro-batch through every stage, placed on its rank by list scheduling.
// A rank runs its passes in a fixed order (Megatron-LM's: forwards by micro-batch group, chunk,
// micro-batch; backwards likewise with chunks reversed), a backward as soon as one is ready, and a
// forward only while fewer than its warm-up limit are outstanding: p - r for 1F1B (Narayanan et al.
// 2021), 2 (p - r - 1) + (v - 1) p + 1 chunk passes interleaved (Megatron-LM's warm-up count),
// p - position per direction for DualPipe. A pass waits for the previous stage's pass of the same
// micro-batch plus one stage-to-stage transfer when the ranks differ.
// Invariant: every pass runs exactly once, after its dependency; ranks run one pass at a time.
// For equal 1F1B stages the makespan equals the closed form (m + p - 1)(F + B) + 2 (p - 1) t_p2p.
// Interleaved with more micro-batches than ranks, this greedy order idles more than Megatron-LM's
// and ends later than the closed form; DualPipe here is a greedy list schedule under its per-direction in-flight limits (PP + 1 in all),
// not DeepSeek's hand-made order: its bubble is larger than the report's (PP/2 - 1)(F&B + B - 3W),
// which pipeline.ts uses for the step time.
import type { VirtualStage } from './partition.ts';
import type { Plan } from './plan.ts';

export interface PassEvent {
  rank: number;
  path: number;
  stage: number;
  mb: number;
  kind: 'F' | 'B';
  start_us: number;
  end_us: number;
}

interface RankQueue {
  /** Per path: [stage, mb] of the forwards and backwards this rank runs, in run order. */
  forwards: Array<Array<[number, number]>>;
  backwards: Array<Array<[number, number]>>;
  f: number[];
  b: number[];
  free_us: number;
  /** Per path: most outstanding forwards (warm-up limit), and how many are outstanding. */
  cap: number[];
  outstanding: number[];
}

/** Duration of one pass of a stage (the all-to-all is hidden under DualPipe, exposed otherwise). */
export function passUs(s: VirtualStage, kind: 'F' | 'B', schedule: Plan['schedule']): number {
  const c = s.cost,
    ep = schedule === 'dualpipe' ? 0 : kind === 'F' ? c.ep.fwd_us : c.ep.bwd_us;
  return kind === 'F' ? c.fwd_us + c.tp.fwd_us + c.cp.fwd_us + ep : c.bwd_us + c.tp.bwd_us + c.cp.bwd_us + ep;
}

function queues(paths: VirtualStage[][], p: Plan, mbPerPath: number): RankQueue[] {
  const v = p.schedule === 'interleaved' ? p.chunks : 1;
  const qs: RankQueue[] = Array.from({ length: p.pp }, () => ({
    forwards: paths.map(() => []),
    backwards: paths.map(() => []),
    f: paths.map(() => 0),
    b: paths.map(() => 0),
    free_us: 0,
    cap: paths.map(() => 0),
    outstanding: paths.map(() => 0),
  }));
  paths.forEach((path, pi) => {
    const stageAt = new Int32Array(p.pp * v).fill(-1); // [rank * v + chunk] -> stage index
    path.forEach((s, j) => (stageAt[s.rank * v + Math.floor(j / p.pp)] = j));
    for (let k = 0; k < mbPerPath * v; k++) {
      const group = Math.floor(k / (p.pp * v)),
        within = k % (p.pp * v);
      const mb = group * p.pp + (within % p.pp);
      if (mb >= mbPerPath) continue;
      const chunkF = Math.floor(within / p.pp),
        chunkB = v - 1 - chunkF;
      for (let r = 0; r < p.pp; r++) {
        const sf = stageAt[r * v + chunkF],
          sb = stageAt[r * v + chunkB];
        if (sf >= 0) qs[r].forwards[pi].push([sf, mb]);
        if (sb >= 0) qs[r].backwards[pi].push([sb, mb]);
      }
    }
    path.forEach((s, j) => {
      const depth = v > 1 ? 2 * (p.pp - s.rank - 1) + (v - 1) * p.pp + 1 : path.length - j;
      qs[s.rank].cap[pi] = Math.max(qs[s.rank].cap[pi], Math.min(mbPerPath * v, depth));
    });
  });
  return qs;
}

export function simulateSchedule(paths: VirtualStage[][], p: Plan, microBatches: number, p2p_us: number): PassEvent[] {
  const mbPerPath = microBatches / paths.length;
  const qs = queues(paths, p, mbPerPath);
  const done = new Map<string, { end: number; rank: number }>();
  const key = (kind: string, pi: number, s: number, mb: number): string => `${kind}${pi}:${s}:${mb}`;
  const readyAt = (kind: 'F' | 'B', pi: number, s: number, mb: number, rank: number): number => {
    const S = paths[pi].length;
    const dep =
      kind === 'F'
        ? s === 0
          ? null
          : key('F', pi, s - 1, mb)
        : key(s === S - 1 ? 'F' : 'B', pi, s === S - 1 ? s : s + 1, mb);
    if (dep === null) return 0;
    const d = done.get(dep);
    if (!d) return Infinity;
    return d.end + (d.rank === rank ? 0 : p2p_us);
  };
  const events: PassEvent[] = [];
  let total = 0;
  for (const q of qs) for (let pi = 0; pi < paths.length; pi++) total += q.forwards[pi].length + q.backwards[pi].length;
  while (events.length < total) {
    let best: Candidate | null = null,
      bestRank = -1;
    for (let r = 0; r < qs.length; r++) {
      const c = candidate(qs[r], r, readyAt);
      if (c && (best === null || c.start < best.start)) [best, bestRank] = [c, r];
    }
    if (best === null) throw new Error('pipeline schedule deadlocked (a bug in the schedule order)');
    const q = qs[bestRank],
      pi = best.path;
    const [s, mb] = best.kind === 'F' ? q.forwards[pi][q.f[pi]++] : q.backwards[pi][q.b[pi]++];
    q.outstanding[pi] += best.kind === 'F' ? 1 : -1;
    const end = best.start + passUs(paths[pi][s], best.kind, p.schedule);
    q.free_us = end;
    done.set(key(best.kind, pi, s, mb), { end, rank: bestRank });
    events.push({ rank: bestRank, path: pi, stage: s, mb, kind: best.kind, start_us: best.start, end_us: end });
  }
  return events;
}

type ReadyAt = (kind: 'F' | 'B', pi: number, s: number, mb: number, rank: number) => number;

interface Candidate {
  kind: 'F' | 'B';
  path: number;
  start: number;
}

/** The pass a rank runs next and when: the earliest ready backward, unless a forward under its cap starts sooner. */
function candidate(q: RankQueue, r: number, readyAt: ReadyAt): Candidate | null {
  let b: Candidate | null = null,
    f: Candidate | null = null;
  for (let pi = 0; pi < q.forwards.length; pi++) {
    if (q.b[pi] < q.backwards[pi].length) {
      const [s, mb] = q.backwards[pi][q.b[pi]];
      const start = Math.max(q.free_us, readyAt('B', pi, s, mb, r));
      if (start < Infinity && (b === null || start < b.start)) b = { kind: 'B', path: pi, start };
    }
    if (q.f[pi] < q.forwards[pi].length && q.outstanding[pi] < q.cap[pi]) {
      const [s, mb] = q.forwards[pi][q.f[pi]];
      const start = Math.max(q.free_us, readyAt('F', pi, s, mb, r));
      if (start < Infinity && (f === null || start < f.start)) f = { kind: 'F', path: pi, start };
    }
  }
  if (b && (!f || b.start <= f.start)) return b;
  return f;
}
