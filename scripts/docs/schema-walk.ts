// Walks a JSON Schema (draft 2020-12, local `$ref`s only) into flat rows, one per documented key:
// its dotted path, type, unit, default, bounds and description. The scenario reference is written
// from these rows. Invariant: every property the schema declares yields exactly one row, in the
// schema's order (objects are followed by their members, arrays of objects by their items' members).

export type Schema = Record<string, unknown>;

export interface Row {
  /** Dotted path from the section (`lead_times.grid.median_years`, `installed[].count`). */
  path: string;
  type: string;
  unit: string;
  default: string;
  bounds: string;
  required: boolean;
  description: string;
}

/** The schema a `$ref` (or a lone `allOf: [{$ref}]`) points at, merged under the referring keywords. */
export function resolve(root: Schema, s: Schema): Schema {
  const ref = typeof s.$ref === 'string' ? s.$ref : lonelyAllOfRef(s);
  if (!ref) return s;
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are documented (got ${ref})`);
  let target: unknown = root;
  for (const seg of ref.slice(2).split('/')) target = (target as Schema)[seg];
  const { $ref: _r, allOf: _a, ...rest } = s;
  return { ...resolve(root, target as Schema), ...rest };
}

function lonelyAllOfRef(s: Schema): string | undefined {
  const all = s.allOf as Schema[] | undefined;
  return all?.length === 1 && typeof all[0].$ref === 'string' ? all[0].$ref : undefined;
}

// Units are part of the key names (STYLE.md); the longest matching suffix names the unit.
const UNITS: [RegExp, string][] = [
  [/_usd_per_mwh$/, 'USD/MWh'],
  [/_usd_per_mw$/, 'USD/MW'],
  [/_us_per_km$/, 'µs/km'],
  [/_tb_per_s$/, 'TB/s'],
  [/_gb_per_s$/, 'GB/s'],
  [/_gbit_per_s$/, 'Gbit/s'],
  [/_tb_per_year$/, 'TB/yr'],
  [/_gw_per_year$/, 'GW/yr'],
  [/(growth|change)_per_year$/, '×/yr'],
  [/_fraction_per_year$/, '/yr'],
  [/_per_year$/, '/yr'],
  [/_mwh$/, 'MWh'],
  [/(^|_)twh$/, 'TWh'],
  [/_gw$/, 'GW'],
  [/_mw$/, 'MW'],
  [/_kw_per_rack$/, 'kW/rack'],
  [/_kw$/, 'kW'],
  [/_w$/, 'W'],
  [/_gb$/, 'GB'],
  [/_tflops$/, 'TFLOP/s'],
  [/_flop$/, 'FLOP'],
  [/_years$/, 'years'],
  [/_days$/, 'days'],
  [/_us$/, 'µs'],
  [/_ms$/, 'ms'],
  [/_km$/, 'km'],
  [/_usd$/, 'USD'],
  [/_tokens(_per_gpu)?$/, 'tokens'],
  [/_gpus$/, 'GPUs'],
  [/_bytes_per_param$/, 'bytes/param'],
  [/(^|_)year$/, 'year'],
];

export function unitOf(key: string): string {
  return UNITS.find(([re]) => re.test(key))?.[1] ?? '';
}

function typeOf(s: Schema): string {
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s.const !== undefined) return `\`${String(s.const)}\``;
  if (s.type === 'array') return 'list';
  if (s.type === 'object') return 'map';
  if (Array.isArray(s.type)) return (s.type as string[]).join(' or ');
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) return 'one of several forms';
  return '';
}

/** A number as written by hand: 1e6 rather than 1000000, 4294967295 rather than 4.294967295e9. */
function num(v: unknown): string {
  if (typeof v !== 'number') return '';
  const exp = v.toExponential().replace('e+', 'e');
  return exp.length < String(v).length ? exp : String(v);
}

function boundsOf(s: Schema): string {
  const lo =
    s.exclusiveMinimum !== undefined
      ? `> ${num(s.exclusiveMinimum)}`
      : s.minimum !== undefined
        ? `≥ ${num(s.minimum)}`
        : '';
  const hi =
    s.exclusiveMaximum !== undefined
      ? `< ${num(s.exclusiveMaximum)}`
      : s.maximum !== undefined
        ? `≤ ${num(s.maximum)}`
        : '';
  const items = [
    s.minItems !== undefined ? `≥ ${num(s.minItems)} items` : '',
    s.maxItems !== undefined ? `≤ ${num(s.maxItems)} items` : '',
    s.maxLength !== undefined ? `≤ ${num(s.maxLength)} chars` : '',
  ];
  return [lo, hi, ...items].filter(Boolean).join(', ');
}

function defaultOf(s: Schema): string {
  if (s.default === undefined) return '';
  const v = s.default;
  if (typeof v === 'object' && v !== null && Object.keys(v).length === 0) return '';
  return `\`${typeof v === 'number' ? num(v) : JSON.stringify(v)}\``;
}

function text(s: Schema): string {
  const d = typeof s.description === 'string' ? s.description : '';
  const src = typeof s['x-source'] === 'string' ? ` Source: ${s['x-source']}` : '';
  return (d + src).replace(/\|/g, '\\|').replace(/\n/g, ' ').trim();
}

/** The map of a `oneOf: [{type: null}, {map}]` (a map that may be null), else undefined. */
function objectOrNull(root: Schema, p: Schema): Schema | undefined {
  const forms = ((p.oneOf ?? p.anyOf) as Schema[] | undefined)?.map((f) => resolve(root, f));
  if (forms?.length !== 2 || !forms.some((f) => f.type === 'null')) return undefined;
  return forms.find((f) => f.properties);
}

/** Rows for the members of an object schema (recursing into nested objects and lists of objects). */
export function rows(root: Schema, obj: Schema, prefix = ''): Row[] {
  const s = resolve(root, obj);
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).flatMap(([key, raw]) => {
    const p = resolve(root, raw);
    const path = prefix + key;
    const row: Row = {
      path,
      type: typeOf(p),
      unit: unitOf(key),
      default: defaultOf(p),
      bounds: boundsOf(p),
      required: required.has(key),
      description: text(p),
    };
    const nullable = objectOrNull(root, p);
    if (nullable) return [{ ...row, type: 'map or null' }, ...rows(root, nullable, `${path}.`)];
    const items = p.type === 'array' && p.items ? resolve(root, p.items as Schema) : undefined;
    if (items?.properties) return [{ ...row, type: 'list of maps' }, ...rows(root, items, `${path}[].`)];
    if (items) return [{ ...row, type: `list of ${typeOf(items) || 'values'}` }];
    if (p.properties) return [row, ...rows(root, p, `${path}.`)];
    const extra = p.additionalProperties;
    if (extra && typeof extra === 'object' && resolve(root, extra as Schema).properties)
      return [row, ...rows(root, extra as Schema, `${path}.<name>.`)];
    return [row];
  });
}
