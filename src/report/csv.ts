// CSV files of a run (RFC 4180: comma-separated, CRLF-free "\n" lines, fields quoted when they hold
// a comma, quote or newline). Numbers print with String(n), which round-trips exactly.
// Invariant: one header row, then one row per record, same column order as the header.
import type { RunResult } from '../result/types.ts';
import { WALLS } from '../walls/registry.ts';

export type Cell = string | number | boolean | null;

export function csvField(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** Every data file of one run, keyed by its name under data/. */
export function runCsvFiles(result: RunResult): Record<string, string> {
  const steps = result.steps;
  const qKeys = steps.length ? Object.keys(steps[0].quantities).filter((k) => k !== 'gpus_by_generation') : [];
  const gens = [...new Set(steps.flatMap((s) => Object.keys(s.quantities.gpus_by_generation)))].sort();
  return {
    'headroom.csv': toCsv(
      ['year', ...WALLS, 'achievable', 'binding', 'limited_by'],
      steps.map((s) => [
        s.year,
        ...WALLS.map((w) => s.walls[w].headroom),
        s.achievable.headroom,
        s.achievable.binding,
        s.achievable.limited_by,
      ]),
    ),
    'walls.csv': toCsv(
      ['year', 'wall', 'permitted_flop', 'target_flop', 'headroom', 'limited_by'],
      steps.flatMap((s) =>
        WALLS.map((w) => [
          s.year,
          w,
          s.walls[w].permitted_flop,
          s.target_flop,
          s.walls[w].headroom,
          s.walls[w].limited_by,
        ]),
      ),
    ),
    'quantities.csv': toCsv(
      ['year', ...qKeys, ...gens.map((g) => `gpus_${g}`)],
      steps.map((s) => {
        const q = s.quantities as unknown as Record<string, number>;
        return [s.year, ...qKeys.map((k) => q[k]), ...gens.map((g) => s.quantities.gpus_by_generation[g] ?? 0)];
      }),
    ),
    'sites.csv': toCsv(
      [
        'year',
        'site',
        'gpus',
        'stranded_gpus',
        'grid_mw',
        'onsite_generation_mw',
        'cooling_technology',
        'cooling_capacity_mw',
        'rack_kw',
        'it_mw',
        'facility_mw',
        'pue',
      ],
      steps.flatMap((s) =>
        s.sites.map((x) => [
          s.year,
          x.name,
          x.gpus,
          x.stranded_gpus,
          x.grid_mw,
          x.onsite_generation_mw,
          x.cooling_technology,
          x.cooling_capacity_mw,
          x.rack_kw,
          x.it_mw,
          x.facility_mw,
          x.pue,
        ]),
      ),
    ),
    'buildouts.csv': toCsv(
      ['id', 'kind', 'site', 'amount', 'unit', 'item', 'ordered_at', 'lands_at', 'landed', 'origin'],
      result.buildouts.map((b) => [
        b.id,
        b.kind,
        b.site,
        b.amount,
        b.unit,
        b.item,
        b.ordered_at,
        b.lands_at,
        b.landed,
        b.origin,
      ]),
    ),
    'events.csv': toCsv(
      ['at', 'kind', 'site', 'label', 'effect'],
      result.events.map((e) => [e.at, e.kind, e.site, e.label, e.effect]),
    ),
  };
}
