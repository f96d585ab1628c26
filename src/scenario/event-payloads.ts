// The payload each scripted event kind needs. The schema checks `kind`; this checks its payload,
// so a misspelt or missing field is a positioned error instead of an event that silently does nothing.
import type { FirstwallScenario } from './types.gen.ts';
import type { Inconsistency } from './consistency.ts';
import { MIN_NONZERO_MW } from './power-floor.ts';

type Field =
  { type: 'number'; min: number; exclusive?: boolean; max: number } | { type: 'enum'; values: readonly string[] };

// Upper bounds (issue 17): each as large as the matching scenario field allows.
const MAX_MW = 1e6; // as /sites/*/grid_mw
const MIN_MW = MIN_NONZERO_MW; // an addition of less than 1 kW powers nothing (src/scenario/power-floor.ts)
const MAX_COUNT = 1e9; // as /sites/*/installed/*/count
const MAX_TOKENS = 1e18; // as /data/stock_tokens
const MAX_DURATION_YEARS = 100; // as the longest horizon (src/scenario/horizon-limits.ts)
const MAX_SUPPLY_FACTOR = 10; // assumption: a shock that multiplies supply tenfold is no longer a shock
const MAX_PRICE_FACTOR = 100; // ERCOT's $5,000/MWh cap is ~100x a $50/MWh average price (2024; R, E)
const MAX_GAIN = 1000; // assumption: one breakthrough worth 10 years of 2x/yr progress at most
/** Sum of |log10 factor| of the events of one kind that can be in force at once (the factors multiply). */
export const MAX_LOG10_COMBINED = 30;

const TECH = ['air', 'rear_door', 'direct_liquid', 'immersion'] as const;

export const EVENT_PAYLOADS: Record<
  string,
  { needsSite: boolean; required: Record<string, Field>; optional: Record<string, Field> }
> = {
  grid_connection: {
    needsSite: true,
    required: { mw: { type: 'number', min: MIN_MW, max: MAX_MW } },
    optional: {},
  },
  onsite_generation: {
    needsSite: true,
    required: { mw: { type: 'number', min: MIN_MW, max: MAX_MW } },
    optional: {},
  },
  cooling_expansion: {
    needsSite: true,
    required: { mw: { type: 'number', min: MIN_MW, max: MAX_MW } },
    optional: {},
  },
  cooling_retrofit: { needsSite: true, required: { technology: { type: 'enum', values: TECH } }, optional: {} },
  gpu_delivery: {
    needsSite: false,
    required: { count: { type: 'number', min: 0, exclusive: true, max: MAX_COUNT } },
    optional: {},
  },
  supply_shock: {
    needsSite: false,
    required: {
      resource: { type: 'enum', values: ['gpu', 'hbm'] },
      factor: { type: 'number', min: 0, max: MAX_SUPPLY_FACTOR },
    },
    optional: { duration_years: { type: 'number', min: 0, exclusive: true, max: MAX_DURATION_YEARS } },
  },
  price_spike: {
    needsSite: false,
    required: { factor: { type: 'number', min: 0, exclusive: true, max: MAX_PRICE_FACTOR } },
    optional: { duration_years: { type: 'number', min: 0, exclusive: true, max: MAX_DURATION_YEARS } },
  },
  data_release: {
    needsSite: false,
    required: { tokens: { type: 'number', min: 0, exclusive: true, max: MAX_TOKENS } },
    optional: {},
  },
  algorithmic_breakthrough: {
    needsSite: false,
    required: { gain: { type: 'number', min: 0, exclusive: true, max: MAX_GAIN } },
    optional: {},
  },
};

function checkField(v: unknown, f: Field): string | null {
  if (f.type === 'enum')
    return typeof v === 'string' && f.values.includes(v)
      ? null
      : `must be one of ${f.values.map((x) => `"${x}"`).join(', ')} (got ${JSON.stringify(v)})`;
  if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a number (got ${JSON.stringify(v)})`;
  if (f.exclusive ? v <= f.min : v < f.min) return `must be ${f.exclusive ? '>' : '>='} ${f.min} (got ${v})`;
  if (v > f.max) return `must be <= ${f.max} (got ${v})`;
  return null;
}

export function checkEventPayloads(s: FirstwallScenario): Inconsistency[] {
  const events = (s.events ?? []).map((ev, i) => ({ ev, where: 'events', i }));
  const shocks = (s.shocks ?? []).map((sh, i) => ({
    ev: { ...sh, at: s.horizon.start_year } as NonNullable<FirstwallScenario['events']>[number],
    where: 'shocks',
    i,
  }));
  const each = [...events, ...shocks].flatMap(({ ev, where, i }) => checkPayload(s, ev, where, i));
  return each.length ? each : combinedFactors(s);
}

/**
 * Factors of events in force at once multiply (supply and price shocks, breakthroughs): their
 * combined |log10| must stay within MAX_LOG10_COMBINED. Scripted events count whole; a random shock
 * counts its expected occurrences in force at once (rate x duration, the horizon when permanent).
 */
function combinedFactors(s: FirstwallScenario): Inconsistency[] {
  const span = Math.max(0, s.horizon.end_year - s.horizon.start_year);
  const key = (kind: string, pl: Record<string, unknown>) =>
    kind === 'supply_shock' ? `${kind}:${String(pl.resource)}` : kind;
  const sums = new Map<string, { sum: number; path: string[] }>();
  const add = (k: string, amount: number, path: string[]) => {
    const cur = sums.get(k) ?? { sum: 0, path };
    sums.set(k, { sum: cur.sum + amount, path });
  };
  (s.events ?? []).forEach((ev, i) => {
    const pl = (ev.payload ?? {}) as Record<string, unknown>;
    const f = Number(ev.kind === 'algorithmic_breakthrough' ? pl.gain : pl.factor);
    if (['supply_shock', 'price_spike', 'algorithmic_breakthrough'].includes(ev.kind) && f > 0)
      add(key(ev.kind, pl), Math.abs(Math.log10(f)), ['events', String(i), 'payload']);
  });
  (s.shocks ?? []).forEach((sh, i) => {
    const pl = sh.payload as Record<string, unknown>;
    const f = Number(pl.factor);
    const inForce =
      sh.rate_per_year * Math.min(span, pl.duration_years === undefined ? span : Number(pl.duration_years));
    if (f > 0) add(key(sh.kind, pl), inForce * Math.abs(Math.log10(f)), ['shocks', String(i), 'payload']);
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

function checkPayload(
  s: FirstwallScenario,
  ev: NonNullable<FirstwallScenario['events']>[number],
  where: string,
  i: number,
): Inconsistency[] {
  const out: Inconsistency[] = [];
  const accelerators = s.hardware.map((h) => h.name);
  const spec = EVENT_PAYLOADS[ev.kind];
  const base = [where, String(i)];
  const payload = (ev.payload ?? {}) as Record<string, unknown>;
  if (spec.needsSite && ev.site === undefined)
    out.push({ path: base, message: `/${where}/${i} (${ev.kind}) must name a site` });
  for (const [k, f] of Object.entries(spec.required)) {
    if (!(k in payload)) {
      out.push({
        path: ev.payload ? [...base, 'payload'] : base,
        message: `/${where}/${i}/payload must have required property "${k}" for ${ev.kind}`,
      });
      continue;
    }
    const err = checkField(payload[k], f);
    if (err) out.push({ path: [...base, 'payload', k], message: `/${where}/${i}/payload/${k} ${err}` });
  }
  for (const [k, v] of Object.entries(payload)) {
    if (k in spec.required) continue;
    if (ev.kind === 'gpu_delivery' && k === 'accelerator') {
      if (!accelerators.includes(String(v)))
        out.push({
          path: [...base, 'payload', k],
          message: `/${where}/${i}/payload/accelerator "${String(v)}" is not in /hardware (/hardware/*/name: ${accelerators.join(', ')})`,
        });
      continue;
    }
    const f = spec.optional[k];
    if (!f) {
      out.push({ path: [...base, 'payload', k], message: `/${where}/${i}/payload unknown key "${k}" for ${ev.kind}` });
      continue;
    }
    const err = checkField(v, f);
    if (err) out.push({ path: [...base, 'payload', k], message: `/${where}/${i}/payload/${k} ${err}` });
  }
  if (ev.kind === 'gpu_delivery' && !('accelerator' in payload))
    out.push({
      path: [...base, 'payload'],
      message: `/${where}/${i}/payload must have required property "accelerator" for gpu_delivery`,
    });
  return out;
}
