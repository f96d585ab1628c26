// Finds the distributions in a merged raw scenario and replaces each by its nominal value.
//
//   walk the raw scenario -> every object with `dist`/`choice` is a distribution (pointer, position)
//   -> validate each against schemas/distribution.schema.json -> semantic checks (orderings)
//   -> nominal scenario (each distribution replaced by its nominal value)
//
// Invariant: a scenario without distributions comes back unchanged (same object contents) with an
// empty list, so loading it behaves exactly as before. Problems are thrown together as InputError.
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { InputError } from '../io/errors.ts';
import { locate } from './locate.ts';
import { newAjv } from './schema.ts';
import { compareLocations, formatSchemaErrors } from './schema-errors.ts';
import type { YamlSource } from './source.ts';
import { checkDistribution } from '../distributions/checks.ts';
import { isDistributionLike, type Distribution, type UncertainInput } from '../distributions/distribution.ts';
import { nominalOf } from '../distributions/quantile.ts';

export const DISTRIBUTION_SCHEMA_PATH = new URL('../../schemas/distribution.schema.json', import.meta.url);

let cached: ValidateFunction | undefined;
export function distributionValidator(): ValidateFunction {
  cached ??= newAjv().compile(JSON.parse(readFileSync(DISTRIBUTION_SCHEMA_PATH, 'utf8')) as object);
  return cached;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
export const pointerOf = (path: string[]) => '/' + path.map(escape).join('/');

interface Found {
  path: string[];
  value: Record<string, unknown>;
}

function findAll(v: unknown, path: string[], out: Found[]): void {
  if (isDistributionLike(v)) out.push({ path, value: v });
  else if (Array.isArray(v)) v.forEach((x, i) => findAll(x, [...path, String(i)], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) findAll(x, [...path, k], out);
}

function setAt(root: Record<string, unknown>, path: string[], value: unknown): void {
  let node = root as Record<string, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

function prefixed(errors: ErrorObject[], path: string[]): ErrorObject[] {
  const base = path.length ? pointerOf(path) : '';
  return errors.map((e) => ({ ...e, instancePath: base + e.instancePath }));
}

/** The uncertain inputs of `raw` and the nominal scenario; throws InputError with every problem. */
export function extractDistributions(
  raw: Record<string, unknown>,
  layers: YamlSource[],
): { nominal: Record<string, unknown>; distributions: UncertainInput[] } {
  const found: Found[] = [];
  findAll(raw, [], found);
  if (!found.length) return { nominal: raw, distributions: [] };
  const validate = distributionValidator();
  const problems: { where: string; text: string }[] = [];
  const inputs: UncertainInput[] = [];
  for (const f of found) {
    const pointer = pointerOf(f.path);
    const copy = structuredClone(f.value);
    if (!validate(copy)) {
      for (const line of formatSchemaErrors(prefixed(validate.errors ?? [], f.path), layers, raw))
        problems.push({ where: line.replace(/: .*$/s, ''), text: line });
      continue;
    }
    const spec = copy as unknown as Distribution;
    const semantic = checkDistribution(pointer, spec);
    for (const p of semantic) {
      const where = locate(layers, f.path, p.key);
      problems.push({ where, text: `${where}: ${p.text}` });
    }
    if (!semantic.length)
      inputs.push({ pointer, path: f.path, where: locate(layers, f.path), spec, nominal: nominalOf(spec) });
  }
  if (problems.length)
    throw new InputError([...new Set(problems.sort((a, b) => compareLocations(a.where, b.where)).map((p) => p.text))]);
  const nominal = structuredClone(raw);
  for (const input of inputs) setAt(nominal, input.path, input.nominal);
  return { nominal, distributions: inputs };
}
