// Result and sweep files as reports read them: the JSON that `run --json`/`run --out`, `sweep --out`
// and `merge` write, each with `$schema` (the schema's $id) and the firstwall version that wrote it.
// Reading checks, in order: the file reads and parses, it is the kind of file asked for, it was
// written by a compatible version, and it conforms to its schema; every failure is an InputError
// (exit 2) naming the file; reading is safe (regular files only, a byte limit, strict UTF-8). Invariant: serialize then read gives back the same object.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../io/errors.ts';
import { readTextFile } from '../io/read-limited.ts';
import { firstwallVersion } from '../io/version.ts';
import type { RunResult } from '../result/types.ts';
import { resultValidator } from '../result/schema.ts';
import { RESULT_FORMAT, type SweepResult } from '../montecarlo/sweep-result.ts';
import { MAX_SHARD_BYTES, SWEEP_SCHEMA_PATH } from '../montecarlo/shard-file.ts';
import { formatSchemaErrors } from '../scenario/schema-errors.ts';
import type { YamlSource } from '../scenario/source.ts';

export const RESULT_SCHEMA_ID = 'https://firstwall.dev/schemas/result.schema.json';
export const SWEEP_SCHEMA_ID = 'https://firstwall.dev/schemas/sweep.schema.json';

/** A run result as a file: `$schema` first, then the result (what `run --json` prints). */
export function resultJson(r: RunResult): string {
  return JSON.stringify(withSchema(RESULT_SCHEMA_ID, r), null, 2) + '\n';
}

/** `$schema` first, replacing any the object carries (a result read from a file and written again). */
export function withSchema<T extends object>(id: string, value: T): { $schema: string } & T {
  const rest = { ...value } as Record<string, unknown>;
  delete rest.$schema;
  return { $schema: id, ...rest } as { $schema: string } & T;
}

/** The `major.minor` line a version belongs to: 0.x versions change the format at each minor. */
export function versionLine(version: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.\d+/.exec(version);
  if (!m) return undefined;
  return m[1] === '0' ? `0.${m[2]}` : m[1];
}

/** True when a file written by `written` can be read by `reader` (the same version line). */
export function compatibleVersion(written: string, reader: string): boolean {
  const line = versionLine(written);
  return line !== undefined && line === versionLine(reader);
}

interface Kind {
  what: string;
  schemaId: string;
  validate: () => ValidateFunction;
}

const RESULT: Kind = { what: 'result', schemaId: RESULT_SCHEMA_ID, validate: resultValidator };

let sweepValidator: ValidateFunction | undefined;
const SWEEP: Kind = {
  what: 'sweep result',
  schemaId: SWEEP_SCHEMA_ID,
  validate: () => {
    if (!sweepValidator) {
      const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
      ajv.addSchema(JSON.parse(readFileSync(SWEEP_SCHEMA_PATH, 'utf8')) as object);
      sweepValidator = ajv.getSchema(`${SWEEP_SCHEMA_ID}#/$defs/result`)!;
    }
    return sweepValidator;
  },
};

/** `file:line:col` of a character offset in text. */
function at(file: string, text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return `${file}:${line}:${offset - before.lastIndexOf('\n')}`;
}

/** Where a key first appears in the text (its quoted name), else the file's start. */
function keyAt(file: string, text: string, key: string): string {
  const i = text.indexOf(`"${key}"`);
  return at(file, text, i < 0 ? 0 : i);
}

/**
 * A result or sweep file is read like a shard (src/montecarlo/shard-file.ts): a regular file of at
 * most MAX_SHARD_BYTES, strict UTF-8 (src/io/read-limited.ts). A 16-step result is ~200 KB (E).
 */
function readText(file: string, cwd: string, kind: Kind): string {
  return readTextFile(path.resolve(cwd, file), file, { maxBytes: MAX_SHARD_BYTES, what: kind.what });
}

function parse(file: string, text: string, kind: Kind): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const pos = /at position (\d+)/.exec((e as Error).message);
    const where = at(file, text, pos ? Number(pos[1]) : text.length);
    throw new InputError([`${where}: not a firstwall ${kind.what}: not JSON (${(e as Error).message})`]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError([`${file}:1:1: not a firstwall ${kind.what}: the file is not a JSON object`]);
  return data as Record<string, unknown>;
}

/** Refuses a file of another kind: a sweep given as a result, a shard given as a sweep result. */
function checkKind(file: string, text: string, data: Record<string, unknown>, kind: Kind): void {
  const schema = data.$schema;
  const hint = kind === RESULT ? ' (a sweep result is read with `report --sweep FILE`)' : '';
  if (schema !== undefined && schema !== kind.schemaId)
    throw new InputError([
      `${keyAt(file, text, '$schema')}: not a firstwall ${kind.what}: its $schema is ${JSON.stringify(schema)}${hint}`,
    ]);
  if (kind === SWEEP && data.format !== RESULT_FORMAT) {
    const shard = typeof data.format === 'string' && data.format.startsWith('firstwall-sweep-shard/');
    throw new InputError([
      `${keyAt(file, text, 'format')}: not a firstwall sweep result: ` +
        (shard
          ? 'it is one shard of a sweep (combine the shards first: firstwall merge)'
          : `format ${JSON.stringify(data.format)}`),
    ]);
  }
  if (kind === RESULT && data.format !== undefined)
    throw new InputError([`${keyAt(file, text, 'format')}: not a firstwall result: it is a sweep file${hint}`]);
}

/** Refuses a file written by a version whose format this version does not read. */
function checkVersion(file: string, text: string, data: Record<string, unknown>, kind: Kind): void {
  const written = data.firstwall_version;
  const reader = firstwallVersion();
  if (typeof written !== 'string')
    throw new InputError([`${file}:1:1: not a firstwall ${kind.what}: it has no firstwall_version`]);
  if (compatibleVersion(written, reader)) return;
  throw new InputError([
    `${keyAt(file, text, 'firstwall_version')}: this ${kind.what} was written by firstwall ${written}; ` +
      `firstwall ${reader} reads ${kind.what}s of version ${versionLine(reader)}.x only (the format changes between them). ` +
      `Make it again with this version, or report it with firstwall ${written}.`,
  ]);
}

function checkSchema(file: string, text: string, data: unknown, kind: Kind): void {
  const validate = kind.validate();
  if (validate(data)) return;
  const lineCounter = new LineCounter();
  const src: YamlSource = { file, doc: parseDocument(text, { lineCounter }), lineCounter, value: data };
  const lines = formatSchemaErrors((validate.errors ?? []) as ErrorObject[], [src], data);
  throw new InputError(
    lines.slice(0, 20).map((l) => l.replace(/^([^:]*:\d+:\d+): /, `$1: not a firstwall ${kind.what}: `)),
  );
}

function readFile(file: string, cwd: string, kind: Kind): unknown {
  const text = readText(file, cwd, kind);
  const data = parse(file, text, kind);
  checkKind(file, text, data, kind);
  checkVersion(file, text, data, kind);
  checkSchema(file, text, data, kind);
  const rest = { ...data };
  delete rest.$schema;
  return rest;
}

/** A run result file (`run --json`, `run --out`, a report's result.json); throws InputError. */
export function readResultFile(file: string, cwd: string): RunResult {
  return readFile(file, cwd, RESULT) as RunResult;
}

/** A sweep result file (`sweep --out`, `merge`: sweep.json); throws InputError. */
export function readSweepFile(file: string, cwd: string): SweepResult {
  return readFile(file, cwd, SWEEP) as SweepResult;
}
