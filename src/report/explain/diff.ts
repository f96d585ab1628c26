// The inputs two scenarios differ in, resolved through `extends` and the schema's defaults: the
// leaves of the validated scenarios (maps are walked key by key; lists and scalars are leaves, as
// `extends` replaces lists whole), as JSON pointers. The name and description are labels, not
// inputs; the seed is not an input either: `explain` runs both on the same draws.
// Invariant: pure; pointers in document order of the base, then what only the what-if has.
import { canonicalJson } from '../../scenario/load.ts';

export interface InputDiff {
  pointer: string;
  /** The value in each scenario (undefined: not set there, so its default applies). */
  base: unknown;
  what_if: unknown;
  /** What an unset side runs with (its default), when known. */
  base_default?: unknown;
  what_if_default?: unknown;
}

/** The value a scenario runs with where it sets none (the normalized parameters' default), or undefined. */
export type DefaultAt = (pointer: string) => unknown;

/** Top-level keys that label a scenario or pick its draws rather than describe the world. */
export const NOT_INPUTS = ['/name', '/description', '/seed'] as const;

type Map = Record<string, unknown>;
const isMap = (v: unknown): v is Map => v !== null && typeof v === 'object' && !Array.isArray(v);
const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

function walk(a: unknown, b: unknown, pointer: string, out: InputDiff[], dflt: [DefaultAt, DefaultAt]): void {
  // a section one side leaves out is walked as empty, so its leaves are compared with the defaults
  if ((isMap(a) || a === undefined) && (isMap(b) || b === undefined) && (isMap(a) || isMap(b))) {
    const [ma, mb] = [(a ?? {}) as Map, (b ?? {}) as Map];
    const keys = [...Object.keys(ma), ...Object.keys(mb).filter((k) => !(k in ma))];
    for (const k of keys) walk(ma[k], mb[k], `${pointer}/${escape(k)}`, out, dflt);
    return;
  }
  const [ea, eb] = [a ?? dflt[0](pointer), b ?? dflt[1](pointer)];
  if (ea === undefined && eb === undefined) return;
  if (ea === undefined || eb === undefined || canonicalJson(ea) !== canonicalJson(eb))
    out.push({ pointer, base: a, what_if: b });
}

/** The inputs that differ; `defaults` give the value a side runs with where it sets none, so
 * setting an input to its default is no difference. */
export function scenarioDiff(
  base: unknown,
  whatIf: unknown,
  defaults: [DefaultAt, DefaultAt] = [none, none],
): InputDiff[] {
  const out: InputDiff[] = [];
  walk(base, whatIf, '', out, defaults);
  return out.filter((d) => !(NOT_INPUTS as readonly string[]).includes(d.pointer));
}

const none: DefaultAt = () => undefined;

/** A DefaultAt over a normalized-parameter object: the primitive at the pointer's path, if any. */
export function defaultsOf(params: unknown): DefaultAt {
  return (pointer) => {
    let node: unknown = params;
    for (const k of segments(pointer)) {
      if (!isMap(node)) return undefined;
      node = node[k];
    }
    return node === null || typeof node !== 'object' ? node : undefined;
  };
}

/** The pointer's path segments (unescaped). */
export function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A value at a pointer, set (or removed, for undefined) in a copy of `doc`. */
export function withValue(doc: Map, pointer: string, value: unknown): Map {
  const out = structuredClone(doc);
  const path = segments(pointer);
  let node: Map = out;
  for (const k of path.slice(0, -1)) {
    if (!isMap(node[k])) node[k] = {};
    node = node[k] as Map;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = structuredClone(value);
  return out;
}

/** A short printable value: numbers as given, lists and maps as compact JSON cut at 60 characters;
 * an unset value as its default when known. */
export function showValue(v: unknown, dflt?: unknown): string {
  if (v === undefined) return dflt === undefined ? '(not set)' : `${showValue(dflt)} (default)`;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
