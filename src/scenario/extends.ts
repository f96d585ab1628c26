// `extends: base.yaml`: a what-if scenario overrides a base. Maps merge deeply, lists replace, null
// removes an inherited value.
// The layers are kept (base first) so an error can be traced to the file and line that holds the
// value, base or override. Cycles and over-deep chains are errors.
import { dirname, relative, resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import { InputError } from '../io/errors.ts';
import { ReadError } from '../io/read-limited.ts';
import { MAX_EXTENDS_DEPTH, msg } from './messages.ts';
import { position, readYamlSource, type YamlSource } from './source.ts';

export type PlainMap = Record<string, unknown>;

function isPlainMap(v: unknown): v is PlainMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep merge: maps merge key by key, everything else (lists, scalars) is replaced by the override;
 * an override's null removes the value its base gave (so a what-if can leave out what its base
 * states, e.g. compute.mfu to derive it); a null with nothing to remove stays, for the schema. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainMap(base) || !isPlainMap(override)) return override;
  const out: PlainMap = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (v === null && k in base) delete out[k];
    else out[k] = k in base ? deepMerge(base[k], v) : v;
  }
  return out;
}

function extendsLocation(src: YamlSource): string {
  const node = src.doc.getIn(['extends'], true) as { range?: number[] } | undefined;
  return position(src, node?.range?.[0] ?? 0);
}

function canonical(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** Reads one layer; a base that cannot be read at all is reported where `extends` names it. */
function readLayer(file: string, cwd: string, child: YamlSource | undefined): YamlSource {
  try {
    return readYamlSource(file, resolve(cwd, file));
  } catch (e) {
    if (!(e instanceof ReadError) || !child) throw e;
    const named = String((child.value as PlainMap).extends);
    throw new InputError([msg.extendsUnreadable(extendsLocation(child), named, e.reason)]);
  }
}

/** Reads `file` and every base it extends; returns the layers base-first. */
export function readLayers(file: string, cwd = process.cwd()): YamlSource[] {
  const layers: YamlSource[] = [];
  const seen: string[] = [];
  let current = file;
  for (;;) {
    const src = readLayer(current, cwd, layers[0]);
    layers.unshift(src);
    seen.push(canonical(resolve(cwd, current)));
    const ext = (src.value as PlainMap).extends;
    if (ext === undefined) return layers;
    if (typeof ext !== 'string') throw new InputError([msg.extendsNotString(extendsLocation(src))]);
    const next = resolve(dirname(resolve(cwd, current)), ext);
    const rel = relative(cwd, next);
    const shown = rel === '' || rel.startsWith('..') ? next : rel; // as the user would type it
    if (seen.includes(canonical(next))) {
      const chain = [...layers]
        .reverse()
        .map((l) => l.file)
        .concat(shown);
      throw new InputError([msg.extendsCycle(extendsLocation(src), chain)]);
    }
    if (layers.length >= MAX_EXTENDS_DEPTH) throw new InputError([msg.extendsTooDeep(extendsLocation(src))]);
    current = shown;
  }
}

/** The merged scenario value (without the `extends` key). */
export function mergeLayers(layers: YamlSource[]): PlainMap {
  let merged: unknown = {};
  for (const l of layers) merged = deepMerge(merged, l.value);
  const out = { ...(merged as PlainMap) };
  delete out.extends;
  return out;
}
