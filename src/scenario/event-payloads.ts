// What the schema cannot say about event payloads (the schema checks each event kind's payload,
// site and bounds: schemas/scenario.schema.json, $defs/event and $defs/shock):
// - an accelerator a delivery names must be in the catalog;
// - factors of events in force at once multiply, so their combined size is bounded (issue 17).
import type { FirstwallScenario } from './types.gen.ts';
import type { Inconsistency } from './consistency.ts';

/** Sum of |log10 factor| of the events of one kind that can be in force at once (the factors multiply). */
export const MAX_LOG10_COMBINED = 30;

export function checkEventPayloads(s: FirstwallScenario): Inconsistency[] {
  const accelerators = s.hardware.map((h) => h.name);
  const unknown = (s.events ?? []).flatMap((ev, i) =>
    ev.kind === 'gpu_delivery' && !accelerators.includes(ev.payload.accelerator)
      ? [
          {
            path: ['events', String(i), 'payload', 'accelerator'],
            message: `/events/${i}/payload/accelerator "${ev.payload.accelerator}" is not in /hardware (/hardware/*/name: ${accelerators.join(', ')})`,
          },
        ]
      : [],
  );
  return unknown.length ? unknown : combinedFactors(s);
}

/** The factor an event or shock multiplies by, and the key of what it multiplies; null when none. */
function factorOf(ev: { kind: string; payload: object }): { key: string; factor: number } | null {
  const pl = ev.payload as Record<string, unknown>;
  if (ev.kind === 'algorithmic_breakthrough') return { key: ev.kind, factor: Number(pl.gain) };
  if (ev.kind === 'price_spike') return { key: ev.kind, factor: Number(pl.factor) };
  if (ev.kind === 'supply_shock') return { key: `${ev.kind}:${String(pl.resource)}`, factor: Number(pl.factor) };
  return null;
}

/**
 * Factors of events in force at once multiply (supply and price shocks, breakthroughs): their
 * combined |log10| must stay within MAX_LOG10_COMBINED. Scripted events count whole; a random shock
 * counts its expected occurrences in force at once (rate x duration, the horizon when permanent).
 */
function combinedFactors(s: FirstwallScenario): Inconsistency[] {
  const span = Math.max(0, s.horizon.end_year - s.horizon.start_year);
  const sums = new Map<string, { sum: number; path: string[] }>();
  const add = (k: string, amount: number, path: string[]) => {
    const cur = sums.get(k) ?? { sum: 0, path };
    sums.set(k, { sum: cur.sum + amount, path });
  };
  (s.events ?? []).forEach((ev, i) => {
    const f = factorOf(ev);
    if (f && f.factor > 0) add(f.key, Math.abs(Math.log10(f.factor)), ['events', String(i), 'payload']);
  });
  (s.shocks ?? []).forEach((sh, i) => {
    const f = factorOf(sh);
    const duration = (sh.payload as { duration_years?: number }).duration_years;
    const inForce = sh.rate_per_year * Math.min(span, duration === undefined ? span : duration);
    if (f && f.factor > 0) add(f.key, inForce * Math.abs(Math.log10(f.factor)), ['shocks', String(i), 'payload']);
  });
  return [...sums].flatMap(([k, { sum, path }]) =>
    sum > MAX_LOG10_COMBINED
      ? [
          {
            path,
            message: `/${path.join('/')}: ${k.replace(':', ' of ')} factors in force at once multiply to 1e${sum.toFixed(0)} (sum of |log10|, random shocks counted by rate x duration); the limit is 1e${MAX_LOG10_COMBINED}`,
          },
        ]
      : [],
  );
}
