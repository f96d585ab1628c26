// The plans the local search steps to from a point: single moves, memory repairs and seed schedules.
import type { Plan, Schedule } from './plan.ts';
import type { Point, Searcher } from './searcher.ts';

const SCHEDULE_VARIANTS: [Schedule, number][] = [
  ['1f1b', 1],
  ['interleaved', 2],
  ['interleaved', 4],
  ['dualpipe', 1],
];

/** Seed schedules, least bubble first: the first valid one is timed. */
const SEED_SCHEDULES: [Schedule, number][] = [
  ['interleaved', 4],
  ['interleaved', 2],
  ['dualpipe', 1],
  ['1f1b', 1],
];

/** The expert degree nearest `ep` (in log) among those valid for DP x CP. */
export function snapEp(x: Searcher, dpcp: number, ep: number): number {
  const options = x.eps(dpcp);
  let best = options[0];
  for (const e of options) if (Math.abs(Math.log2(e / ep)) < Math.abs(Math.log2(best / ep))) best = e;
  return best;
}

/** Software changes tried with every degree move, so that a move needing more memory relief than
 * one step of recompute or ZeRO gives is not lost: as is, full recompute, and full recompute with
 * ZeRO-2 or ZeRO-3. */
export const REPAIRS: [Plan['recompute'] | null, Plan['zero'] | null][] = [
  [null, null],
  ['full', null],
  ['full', 2],
  ['full', 3],
];

/** A point from its fields (an explicit literal: a spread copy per neighbour was most of the
 * descent's own time). */
const pointOf = (
  tp: number,
  cp: number,
  pp: number,
  ep: number,
  mb: number,
  s: [Schedule, number],
  rc: Plan['recompute'],
  z: Plan['zero'],
): Point => ({ tp, cp, pp, ep, mb, s, rc, z });

/** Points at new degrees onto `out`: EP snapped to the old degree and (MoE) the largest valid one,
 * each as is and with the memory repairs above. */
function withDegrees(x: Searcher, p: Point, tp: number, cp: number, pp: number, gpus: number, out: Point[]): void {
  if (gpus % (tp * cp * pp) !== 0) return;
  const dpcp = (gpus / (tp * cp * pp)) * cp;
  const all = x.eps(dpcp);
  const snapped = snapEp(x, dpcp, p.ep),
    largest = all[all.length - 1];
  for (let k = 0; k < (largest === snapped ? 1 : 2); k++) {
    const ep = k === 0 ? snapped : largest;
    for (const [rc, z] of REPAIRS) out.push(pointOf(tp, cp, pp, ep, p.mb, p.s, rc ?? p.rc, z ?? p.z));
  }
}

const MICRO_BATCHES: readonly number[] = [1, 2, 4];
const RECOMPUTES: readonly Plan['recompute'][] = ['none', 'selective', 'full'];
const ZERO_STAGES: readonly Plan['zero'][] = [1, 2, 3];

/** The point's single moves, in a fixed order (the descent takes the first that is best): TP down
 * and up (each as is and traded against PP), CP, PP and EP down and up, the micro-batch, then the
 * other schedules, recomputes and ZeRO stages. A neighbour of `list` is the entry either side of
 * the point's value (none below the first, or where the value is not in the list, only the first). */
export function neighbours(x: Searcher, p: Point, gpus: number, layers: number): Point[] {
  const out: Point[] = [];
  const ti = x.tps.indexOf(p.tp);
  for (let j = ti - 1; j <= ti + 1; j += 2) {
    if (j < 0 || j >= x.tps.length) continue;
    const tp = x.tps[j];
    withDegrees(x, p, tp, p.cp, p.pp, gpus, out);
    const traded = (p.pp * p.tp) / tp; // keep TP x PP
    if (Number.isInteger(traded) && traded <= layers) withDegrees(x, p, tp, p.cp, traded, gpus, out);
  }
  const ci = x.cps.indexOf(p.cp);
  for (let j = ci - 1; j <= ci + 1; j += 2)
    if (j >= 0 && j < x.cps.length) withDegrees(x, p, p.tp, x.cps[j], p.pp, gpus, out);
  const pps = x.ppsFor(p.tp, p.cp),
    pi = pps.indexOf(p.pp);
  for (let j = pi - 1; j <= pi + 1; j += 2)
    if (j >= 0 && j < pps.length) withDegrees(x, p, p.tp, p.cp, pps[j], gpus, out);
  const eps = x.eps((gpus / (p.tp * p.cp * p.pp)) * p.cp),
    ei = eps.indexOf(p.ep);
  for (let j = ei - 1; j <= ei + 1; j += 2)
    if (j >= 0 && j < eps.length) out.push(pointOf(p.tp, p.cp, p.pp, eps[j], p.mb, p.s, p.rc, p.z));
  const mi = MICRO_BATCHES.indexOf(p.mb);
  for (let j = mi - 1; j <= mi + 1; j += 2)
    if (j >= 0 && j < MICRO_BATCHES.length) out.push(pointOf(p.tp, p.cp, p.pp, p.ep, MICRO_BATCHES[j], p.s, p.rc, p.z));
  for (const s of SCHEDULE_VARIANTS)
    if (s[0] !== p.s[0] || s[1] !== p.s[1]) out.push(pointOf(p.tp, p.cp, p.pp, p.ep, p.mb, s, p.rc, p.z));
  for (const rc of RECOMPUTES) if (rc !== p.rc) out.push(pointOf(p.tp, p.cp, p.pp, p.ep, p.mb, p.s, rc, p.z));
  for (const z of ZERO_STAGES) if (z !== p.z) out.push(pointOf(p.tp, p.cp, p.pp, p.ep, p.mb, p.s, p.rc, z));
  return out;
}

/** The point at these degrees and software choices with the first schedule that can run (`first`,
 * then SEED_SCHEDULES in order of least bubble) onto `cand`; none if no schedule can run. */
export function pushValid(
  x: Searcher,
  cand: { p: Point; plan: Plan }[],
  tp: number,
  cp: number,
  pp: number,
  ep: number,
  mb: number,
  first: [Schedule, number] | null,
  rc: Plan['recompute'],
  z: Plan['zero'],
): void {
  for (let k = first ? -1 : 0; k < SEED_SCHEDULES.length; k++) {
    const p: Point = { tp, cp, pp, ep, mb, s: k < 0 ? first! : SEED_SCHEDULES[k], rc, z };
    const plan = x.plan(p);
    if (x.ok(plan)) {
      cand.push({ p, plan });
      return;
    }
  }
}
