// What happened between steps: the buildouts ordered in each step's interval, those that landed by
// it, and the scripted events applied, each summed by kind (and accelerator generation) in a few
// words: "GPUs +141,644 B200; grid +1,350 MW". The run table and the HTML report both show it; the
// full list is in result.json and data/buildouts.csv.
// Invariant: pure; every buildout is counted once as ordered and at most once as landed.
import type { Buildout, EventRecord, RunResult } from '../result/types.ts';
import { formatYear } from '../result/format.ts';

export interface StepActivity {
  year: number;
  ordered: string;
  landed: string;
  events: string;
}

const KIND: Record<Buildout['kind'], string> = {
  gpu_delivery: 'GPUs',
  grid_connection: 'grid',
  onsite_generation: 'on-site',
  cooling_expansion: 'plant',
  cooling_retrofit: 'retrofit',
  site_acquisition: 'campus',
};

const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "GPUs +141,644 B200; grid +1,350 MW; retrofit to direct_liquid x2; campus +1" */
export function summarize(bs: Buildout[]): string {
  const sums = new Map<
    string,
    { kind: Buildout['kind']; item: string | null; amount: number; n: number; unit: string }
  >();
  for (const b of bs) {
    const key = `${b.kind}/${b.kind === 'gpu_delivery' || b.kind === 'cooling_retrofit' ? (b.item ?? '') : ''}`;
    const prev = sums.get(key) ?? { kind: b.kind, item: b.item, amount: 0, n: 0, unit: b.unit };
    sums.set(key, { ...prev, amount: prev.amount + b.amount, n: prev.n + 1 });
  }
  return (
    [...sums.values()]
      .map((x) => {
        if (x.kind === 'cooling_retrofit') return `retrofit to ${x.item ?? '?'}${x.n > 1 ? ` x${x.n}` : ''}`;
        if (x.kind === 'site_acquisition') return `campus +${x.n}`;
        if (x.kind === 'gpu_delivery') return `GPUs +${grouped(x.amount)} ${x.item ?? ''}`.trimEnd();
        return `${KIND[x.kind]} +${grouped(x.amount)} ${x.unit}`;
      })
      .join('; ') || '-'
  );
}

function eventText(es: EventRecord[]): string {
  return es.map((e) => `${e.label ?? e.effect} (${formatYear(e.at)})`).join('; ') || '-';
}

const EPS = 1e-9;

export function stepActivity(r: RunResult): StepActivity[] {
  const steps = r.steps;
  return steps.map((s, i) => {
    const next = i + 1 < steps.length ? steps[i + 1].year : Infinity;
    const prev = i > 0 ? steps[i - 1].year : -Infinity;
    const orderedHere = r.buildouts.filter((b) => b.ordered_at >= s.year - EPS && b.ordered_at < next - EPS);
    const landedHere = r.buildouts.filter(
      (b) => b.landed && b.lands_at !== null && b.lands_at > prev + EPS && b.lands_at <= s.year + EPS,
    );
    const events = r.events.filter((e) => e.at > prev + EPS && e.at <= s.year + EPS);
    return { year: s.year, ordered: summarize(orderedHere), landed: summarize(landedHere), events: eventText(events) };
  });
}

/** What limits each wall's own permit, as runs of consecutive steps: "HBM supply 2025-2031, HBM capacity 2032-2040". */
export function wallLimits(r: RunResult, walls: readonly string[]): { wall: string; text: string }[] {
  return walls.map((w) => {
    const runs: { what: string; from: number; to: number }[] = [];
    for (const s of r.steps) {
      const what = s.walls[w]?.limited_by ?? '-';
      const last = runs[runs.length - 1];
      if (last && last.what === what) last.to = s.year;
      else runs.push({ what, from: s.year, to: s.year });
    }
    const span = (x: { from: number; to: number }) =>
      x.from === x.to ? formatYear(x.from) : `${formatYear(x.from)}-${formatYear(x.to)}`;
    return { wall: w, text: runs.map((x) => `${x.what} ${span(x)}`).join(', ') };
  });
}
