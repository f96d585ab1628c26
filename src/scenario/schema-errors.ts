// Turns ajv errors into `file:line:col: /json/pointer message (got X)` lines: one per problem,
// sorted by position, with anyOf/oneOf noise dropped and "did you mean" for misspelt keys.
import type { ErrorObject } from 'ajv';
import { closest } from './levenshtein.ts';
import { locate } from './locate.ts';
import { msg } from './messages.ts';
import type { YamlSource } from './source.ts';

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

export function pathOf(e: ErrorObject): string[] {
  return e.instancePath ? e.instancePath.slice(1).split('/').map(unescape) : [];
}

function shown(v: unknown): string {
  // a JSON number too large for a double (1e999) parses to Infinity, which JSON.stringify shows as null
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v}: a number beyond the double range`;
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? s.slice(0, 37) + '...' : s;
}

function describe(e: ErrorObject, data: unknown): string {
  const pointer = e.instancePath || '/';
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      const guess = closest(key, known);
      return `${pointer === '/' ? '' : pointer} unknown key "${key}"${guess ? msg.didYouMean(guess) : ''}`.trim();
    }
    case 'required':
      return `${pointer} must have required property "${e.params.missingProperty}"`;
    case 'enum':
      return `${pointer} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${shown(data)})`;
    default:
      return `${pointer} ${e.message}${data !== undefined && typeof data !== 'object' ? ` (got ${shown(data)})` : ''}`;
  }
}

function valueAt(root: unknown, path: string[]): unknown {
  let v = root;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  return v;
}

/** Positioned, sorted, de-duplicated messages for ajv errors on the merged scenario. */
export function formatSchemaErrors(errors: ErrorObject[], layers: YamlSource[], data: unknown): string[] {
  const relevant = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  const lines = relevant.map((e) => {
    const path = pathOf(e);
    const key = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
    const where = locate(layers, path, key);
    return { where, text: `${where}: ${describe(e, valueAt(data, path))}` };
  });
  lines.sort((a, b) => compareLocations(a.where, b.where));
  return [...new Set(lines.map((l) => l.text))];
}

export function compareLocations(a: string, b: string): number {
  const pa = a.match(/^(.*):(\d+):(\d+)$/);
  const pb = b.match(/^(.*):(\d+):(\d+)$/);
  if (!pa || !pb) return a.localeCompare(b);
  if (pa[1] !== pb[1]) return pa[1] < pb[1] ? -1 : 1;
  return Number(pa[2]) - Number(pb[2]) || Number(pa[3]) - Number(pb[3]);
}
