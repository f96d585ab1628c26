// The sentences that say why a what-if changed what it changed, or why it changed nothing, read off
// the two runs (on the same draw) and the attribution: which inputs moved the first wall and by
// how much; for a lead time, whether the orders it delays land before or after the crossing in
// either run; for an input a wall reads, whether that wall is the one that binds.
// Invariant: pure; every figure quoted comes from the results or the attribution.
import type { Buildout, BuildoutKind, RunResult } from '../../result/types.ts';
import { LEAD_TIME } from '../../planner/orders.ts';
import { WALL_REGISTRY } from '../../walls/registry.ts';
import { formatYear } from '../../result/format.ts';
import { segments, type InputDiff } from './diff.ts';
import type { Effect, Measures } from './attribution.ts';

/** Below these an effect is "no change": 1% of headroom, a twentieth of a year. */
export const NO_CHANGE = { log_headroom: Math.log10(1.01), years: 0.05 } as const;

/** Does a wall's `reads` pattern (e.g. "/sites/*\/grid_mw", "/events (data_release)") cover the pointer? */
export function covers(pattern: string, pointer: string): boolean {
  const p = segments(pattern.replace(/\s*\(.*\)$/, ''));
  const q = segments(pointer);
  const n = Math.min(p.length, q.length);
  for (let i = 0; i < n; i++) if (p[i] !== '*' && p[i] !== q[i]) return false;
  return true;
}

/** The walls whose permit reads the input. */
export function wallsReading(pointer: string): string[] {
  return WALL_REGISTRY.filter((w) => w.reads.some((r) => covers(r, pointer))).map((w) => w.id);
}

/** The buildout kinds whose lead time an input sets ("/planner/lead_times/grid/..." -> grid_connection). */
export function kindsTimedBy(pointer: string): BuildoutKind[] {
  const s = segments(pointer);
  if (s[0] !== 'planner' || s[1] !== 'lead_times') return [];
  return (Object.keys(LEAD_TIME) as BuildoutKind[]).filter((k) => s[2] === undefined || LEAD_TIME[k] === s[2]);
}

const kindName = (k: BuildoutKind) => k.replace(/_/g, ' ');
const first = (bs: Buildout[], f: (b: Buildout) => number | null) =>
  Math.min(...bs.map(f).filter((x): x is number => x !== null));

function crossingText(r: RunResult): string {
  return r.first_wall
    ? `the ${formatYear(r.first_wall.year)} crossing`
    : `the end of the horizon (${formatYear(r.horizon.end_year)})`;
}

/** Why a lead-time input changed nothing: when its orders are placed and land in each run. */
function leadTimeReason(d: InputDiff, base: RunResult, whatIf: RunResult): string | null {
  const kinds = kindsTimedBy(d.pointer);
  if (!kinds.length) return null;
  const of = (r: RunResult) => r.buildouts.filter((b) => kinds.includes(b.kind));
  const [a, b] = [of(base), of(whatIf)];
  const what = kinds.map(kindName).join(', ');
  if (!a.length && !b.length)
    return `${d.pointer}: no ${what} order is placed in either run, so that lead time is never drawn.`;
  const cross = (r: RunResult) => r.first_wall?.year ?? Infinity;
  const before = (bs: Buildout[], r: RunResult) =>
    bs.filter((x) => x.landed && (x.lands_at ?? Infinity) <= cross(r)).length;
  const [na, nb] = [before(a, base), before(b, whatIf)];
  const lands = (bs: Buildout[]) => {
    const t = first(bs, (x) => x.lands_at);
    return Number.isFinite(t) ? `from ${formatYear(t)}` : 'after the horizon';
  };
  const placed = formatYear(first([...a, ...b], (x) => x.ordered_at));
  if (na === 0 && nb === 0)
    return `${d.pointer}: ${what} orders placed from ${placed} land ${lands(a)} (base) and ${lands(b)} (what-if), after ${crossingText(base)} under both lead times, so they cannot move the first wall.`;
  return `${d.pointer}: ${na} ${what} order(s) land before ${crossingText(base)} in the base and ${nb} in the what-if, but what binds there (${base.first_wall?.limited_by ?? 'nothing'}) is not what they add.`;
}

/** Why an input that some wall reads changed nothing. */
function wallReason(d: InputDiff, base: RunResult): string | null {
  const walls = wallsReading(d.pointer);
  if (!walls.length) return null;
  const fw = base.first_wall;
  if (fw && !walls.includes(fw.wall))
    return `${d.pointer} feeds the ${walls.join(' and ')} wall${walls.length > 1 ? 's' : ''}, but the first wall is ${fw.wall} (${fw.limited_by}), which it does not read.`;
  return `${d.pointer} feeds the ${walls.join(' and ')} wall${walls.length > 1 ? 's' : ''}, the first wall among them, but not by enough to move its year.`;
}

const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

function firstWallText(m: Measures): string {
  if (!m.first_wall) return 'no wall within the horizon';
  return `${m.first_wall} ${formatYear(Math.round(m.first_year * 100) / 100)}`;
}

export interface WhyInputs {
  diffs: InputDiff[];
  base: Measures;
  what_if: Measures;
  singles: { pointer: string; effect: Effect | null; problem?: string }[];
  total: Effect;
  interaction: Effect;
  /** The two runs on the first seed (buildouts, crossings). */
  runs: { base: RunResult; what_if: RunResult };
}

/** The largest headroom effect: "power x0.50 in 2031" (null below 1%). */
export function largestEffect(e: Effect): string | null {
  const [k, v] = Object.entries(e.log_headroom).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0] ?? ['', 0];
  if (Math.abs(v) < NO_CHANGE.log_headroom) return null;
  const [year, wall] = k.split('/');
  const f = Math.pow(10, v);
  return `${wall} x${f >= 1e4 || f < 1e-4 ? f.toExponential(1) : f.toPrecision(3)} in ${year}`;
}

/** Reasons that read the same for several inputs under one parent are said once, for all of them. */
function collapse(reasons: { pointer: string; text: string }[]): string[] {
  const groups = new Map<string, string[]>();
  for (const r of reasons) {
    const parent = r.pointer.slice(0, r.pointer.lastIndexOf('/'));
    const key = `${parent}\u0000${r.text}`;
    groups.set(key, [...(groups.get(key) ?? []), r.pointer.slice(parent.length + 1)]);
  }
  return [...groups.entries()].map(([key, names]) => {
    const [parent, text] = key.split('\u0000');
    const label = names.length > 1 ? `${parent}/{${names.join(',')}}` : `${parent}/${names[0]}`;
    return `${label}${text}`;
  });
}

/** Why an input could not move the first wall (lead times, walls it feeds), or null. */
function staticReason(d: InputDiff, x: WhyInputs): string | null {
  return leadTimeReason(d, x.runs.base, x.runs.what_if) ?? wallReason(d, x.runs.base);
}

export function whySentences(x: WhyInputs): string[] {
  if (!x.diffs.length) return ['The two scenarios have the same inputs: nothing to attribute.'];
  const out: string[] = [];
  const moved = x.base.first_wall !== x.what_if.first_wall || Math.abs(x.total.first_year) >= NO_CHANGE.years;
  if (moved) {
    const parts = x.singles
      .filter((s) => s.effect && Math.abs(s.effect.first_year) >= NO_CHANGE.years)
      .sort((a, b) => Math.abs(b.effect!.first_year) - Math.abs(a.effect!.first_year))
      .map((s) => `${s.pointer} ${signed(s.effect!.first_year)} yr`);
    const rest =
      Math.abs(x.interaction.first_year) >= NO_CHANGE.years
        ? [`interaction ${signed(x.interaction.first_year)} yr`]
        : [];
    out.push(
      `The first wall moves from ${firstWallText(x.base)} to ${firstWallText(x.what_if)} (${signed(x.total.first_year)} yr on average over the draws)` +
        (parts.length + rest.length ? `: ${[...parts, ...rest].join(', ')}.` : '.'),
    );
  } else {
    out.push(`The first wall stays ${firstWallText(x.base)} under both.`);
    const reasons = x.diffs.flatMap((d) => {
      const r = staticReason(d, x);
      return r && r.startsWith(d.pointer) ? [{ pointer: d.pointer, text: r.slice(d.pointer.length) }] : [];
    });
    out.push(...collapse(reasons));
  }
  const total = largestEffect(x.total);
  out.push(
    total
      ? `Largest headroom change at the chosen years: ${total} (all together).`
      : 'No headroom at the chosen years moves by 1% or more.',
  );
  for (const s of x.singles) {
    if (s.problem) out.push(`${s.pointer} cannot be applied alone (${s.problem}); its effect is in the interaction.`);
    else if (s.effect && x.singles.length > 1) {
      const e = largestEffect(s.effect);
      out.push(`${s.pointer} alone: ${e ?? 'no headroom moves by 1% or more'}.`);
    }
  }
  return out;
}
