// Loading a scenario, the whole pipeline:
//
//   read YAML (size limit, positions) -> follow `extends` (cycles) -> merge layers
//   -> reject non-finite numbers -> a named model family fills what the scenario leaves out
//   -> validate with the JSON Schema (defaults applied)
//   -> consistency checks -> a typed, defaulted scenario + a content hash for provenance.
//
// Every problem is reported at once as `file:line:col: message`, via InputError.
import { createHash } from 'node:crypto';
import { InputError } from '../io/errors.ts';
import { fillFromFamily } from './family-fill.ts';
import { checkConsistency } from './consistency.ts';
import { mergeLayers, readLayers } from './extends.ts';
import { locate } from './locate.ts';
import { scenarioValidator } from './schema.ts';
import { formatSchemaErrors, compareLocations } from './schema-errors.ts';
import { extractDistributions } from './extract-distributions.ts';
import type { UncertainInput } from '../distributions/distribution.ts';
import { nonFiniteProblems, type YamlSource } from './source.ts';
import type { ResolvedScenario } from './resolved.gen.ts';

/** A loaded scenario: validated, with every default of the schema applied. */
export type Scenario = ResolvedScenario;

export interface LoadedScenario {
  /** Path as given. */
  file: string;
  /** Files read, base first (the last is `file`). */
  files: string[];
  /** The merged scenario before defaults (what the user wrote). */
  raw: Record<string, unknown>;
  /** The validated scenario with schema defaults applied. */
  scenario: Scenario;
  /** sha256 of the canonical JSON of `scenario`: same inputs, same hash. */
  hash: string;
  layers: YamlSource[];
  /** Uncertain inputs (numbers given as distributions); absent when there are none. */
  distributions?: UncertainInput[];
}

export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : val,
  );
}

/** Loads, merges, validates and checks a scenario file; throws InputError with every problem. */
export function loadScenario(file: string, cwd = process.cwd()): LoadedScenario {
  // read + extends
  const layers = readLayers(file, cwd);
  // merge
  const raw = mergeLayers(layers);
  // non-finite numbers (.inf/.nan) pass JSON Schema range checks, so reject them first
  const nonFinite = layers.flatMap(nonFiniteProblems);
  if (nonFinite.length) throw new InputError(nonFinite);
  // distributions -> nominal values (src/montecarlo/extract.ts); a no-op without distributions
  const { nominal, distributions } = extractDistributions(raw, layers);
  // schema (defaults applied to a copy, so `raw` stays what the user wrote)
  const data = structuredClone(nominal);
  fillFromFamily(data); // a named family's catalog entry before the schema's defaults
  const validate = scenarioValidator();
  if (!validate(data)) throw new InputError(formatSchemaErrors(validate.errors ?? [], layers, nominal));
  const scenario = data as unknown as Scenario;
  // consistency
  const inconsistent = checkConsistency(scenario)
    .map((p) => ({ where: locate(layers, p.path), text: p.message }))
    .sort((a, b) => compareLocations(a.where, b.where))
    .map((p) => `${p.where}: ${p.text}`);
  if (inconsistent.length) throw new InputError(inconsistent);
  const hashed = distributions.length
    ? { scenario, distributions: distributions.map((d) => [d.pointer, d.spec]) }
    : scenario;
  const hash = createHash('sha256').update(canonicalJson(hashed)).digest('hex');
  return {
    file,
    files: layers.map((l) => l.file),
    raw,
    scenario,
    hash,
    layers,
    ...(distributions.length ? { distributions } : {}),
  };
}
