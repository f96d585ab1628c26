// The scenario schema as a map for the fuzzer: the subschema at a JSON path (through $ref,
// properties, additionalProperties and items) and the extreme values a numeric field invites.
import { scenarioSchema } from '../../src/scenario/schema.ts';

export type Schema = Record<string, unknown>;

const root = scenarioSchema() as Schema;

function deref(s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  const ref = s.$ref as string | undefined;
  if (!ref) return s;
  const name = ref.replace('#/$defs/', '');
  const target = deref((root.$defs as Record<string, Schema>)[name]);
  const { $ref: _ignored, ...siblings } = s;
  return { ...target, ...siblings };
}

/** The subschema describing the value at `path`, or undefined where the schema has none. */
export function schemaAt(path: (string | number)[]): Schema | undefined {
  let s: Schema | undefined = deref(root);
  for (const seg of path) {
    if (!s) return undefined;
    if (typeof seg === 'number') s = deref(s.items as Schema | undefined);
    else {
      const props = s.properties as Record<string, Schema> | undefined;
      s = deref(
        props?.[seg] ?? (typeof s.additionalProperties === 'object' ? (s.additionalProperties as Schema) : undefined),
      );
    }
  }
  return s;
}

/** Properties a map at `path` may hold (to add absent ones, so new schema fields get fuzzed too). */
export function propertiesAt(path: (string | number)[]): string[] {
  return Object.keys((schemaAt(path)?.properties as object | undefined) ?? {});
}

export function isNumeric(s: Schema | undefined): boolean {
  return s?.type === 'number' || s?.type === 'integer';
}

/** Values at and just past a numeric field's bounds, and the classic troublemakers. */
export function extremes(s: Schema): number[] {
  const out = [0, -1, 1, 1e308, -1e308, 5e-324, 4e-320, 1e-300, 1e-9, 1e9, 2 ** 53 + 2];
  const lo = (s.minimum ?? s.exclusiveMinimum) as number | undefined;
  const hi = (s.maximum ?? s.exclusiveMaximum) as number | undefined;
  for (const b of [lo, hi])
    if (b !== undefined) out.push(b, b * (1 + 1e-12) + 1e-300, b * (1 - 1e-12) - 1e-300, b + 1, b - 1);
  if (lo !== undefined && hi !== undefined) out.push((lo + hi) / 2, lo > 0 ? Math.sqrt(lo * hi) : hi / 2);
  if (s.type === 'integer') out.push(0.5, (lo ?? 0) + 0.5);
  return out.filter((x) => Number.isFinite(x));
}

/** Values inside a numeric field's bounds: both ends and a point between (an integer for integers). */
function inBounds(s: Schema): number[] {
  const lo = (s.minimum as number | undefined) ?? (s.exclusiveMinimum as number | undefined) ?? 0;
  const hi = (s.maximum as number | undefined) ?? (s.exclusiveMaximum as number | undefined) ?? Math.max(1, lo * 10);
  const mid = lo > 0 ? Math.sqrt(lo * hi) : (lo + hi) / 2;
  const out = [
    mid,
    ...(s.exclusiveMinimum === undefined ? [lo] : []),
    ...(s.exclusiveMaximum === undefined ? [hi] : []),
  ];
  return s.type === 'integer' ? out.map((x) => Math.min(hi, Math.max(Math.ceil(lo), Math.round(x)))) : out;
}

/**
 * A value for an absent field, built from its schema so new fields are fuzzed without a list: an
 * object gets its required keys and some optional ones, a list up to two items, a number a value
 * within its bounds or (one time in three) at or past them, an enum one of its values.
 */
export function instanceOf(s: Schema | undefined, rng: { next(): number }, depth = 0): unknown {
  const d = deref(s);
  if (!d || depth > 6) return 1;
  const pickOf = <T>(list: T[]): T => list[Math.floor(rng.next() * list.length)];
  if (Array.isArray(d.enum)) return pickOf(d.enum as unknown[]);
  if (isNumeric(d)) return pickOf(rng.next() < 1 / 3 ? extremes(d) : inBounds(d));
  if (d.type === 'boolean') return rng.next() < 0.5;
  if (d.type === 'string') return 'x';
  if (d.type === 'array') {
    const n = Math.max((d.minItems as number | undefined) ?? 0, Math.floor(rng.next() * 3));
    return Array.from({ length: n }, () => instanceOf(d.items as Schema, rng, depth + 1));
  }
  const props = (d.properties ?? {}) as Record<string, Schema>;
  const required = (d.required ?? []) as string[];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props))
    if (required.includes(k) || rng.next() < 0.3) out[k] = instanceOf(v, rng, depth + 1);
  return out;
}
