// The payload each scripted event kind needs. The schema checks `kind`; this checks its payload,
// so a misspelt or missing field is a positioned error instead of an event that silently does nothing.
import type { FirstwallScenario } from './types.gen.ts';
import type { Inconsistency } from './consistency.ts';

type Field = { type: 'number'; min: number; exclusive?: boolean } | { type: 'enum'; values: readonly string[] };

const TECH = ['air', 'rear_door', 'direct_liquid', 'immersion'] as const;

export const EVENT_PAYLOADS: Record<
  string,
  { needsSite: boolean; required: Record<string, Field>; optional: Record<string, Field> }
> = {
  grid_connection: { needsSite: true, required: { mw: { type: 'number', min: 0, exclusive: true } }, optional: {} },
  onsite_generation: { needsSite: true, required: { mw: { type: 'number', min: 0, exclusive: true } }, optional: {} },
  cooling_expansion: { needsSite: true, required: { mw: { type: 'number', min: 0, exclusive: true } }, optional: {} },
  cooling_retrofit: { needsSite: true, required: { technology: { type: 'enum', values: TECH } }, optional: {} },
  gpu_delivery: { needsSite: false, required: { count: { type: 'number', min: 0, exclusive: true } }, optional: {} },
  supply_shock: {
    needsSite: false,
    required: { resource: { type: 'enum', values: ['gpu', 'hbm'] }, factor: { type: 'number', min: 0 } },
    optional: { duration_years: { type: 'number', min: 0, exclusive: true } },
  },
  price_spike: {
    needsSite: false,
    required: { factor: { type: 'number', min: 0, exclusive: true } },
    optional: { duration_years: { type: 'number', min: 0, exclusive: true } },
  },
  data_release: { needsSite: false, required: { tokens: { type: 'number', min: 0, exclusive: true } }, optional: {} },
  algorithmic_breakthrough: {
    needsSite: false,
    required: { gain: { type: 'number', min: 0, exclusive: true } },
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
  return null;
}

export function checkEventPayloads(s: FirstwallScenario): Inconsistency[] {
  const events = (s.events ?? []).map((ev, i) => ({ ev, where: 'events', i }));
  const shocks = (s.shocks ?? []).map((sh, i) => ({
    ev: { ...sh, at: s.horizon.start_year } as NonNullable<FirstwallScenario['events']>[number],
    where: 'shocks',
    i,
  }));
  return [...events, ...shocks].flatMap(({ ev, where, i }) => checkPayload(s, ev, where, i));
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
          message: `/${where}/${i}/payload/accelerator "${String(v)}" is not in /hardware`,
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
