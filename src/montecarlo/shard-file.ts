// Shard files: one slice of a sweep's per-sample summaries plus the header every shard of the same
// sweep shares. `readShards` checks the files against schemas/sweep.schema.json, checks they belong
// to one sweep, and that together they hold every sample exactly once; only then does merge
// aggregate, so a merged result is exactly the unsharded one.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { InputError } from '../io/errors.ts';
import { ReadError, readTextFile } from '../io/read-limited.ts';
import { canonicalJson } from '../scenario/load.ts';
import { writeIntoFolder } from '../io/atomic/file.ts';
import type { OutPath } from '../io/atomic/out-path.ts';
import type { UncertainInput } from '../distributions/distribution.ts';
import { mcMsg } from './messages.ts';
import { shardFileName, type Shard } from './shard.ts';
import { fromRecord, toRecord, type SampleRecord } from './summary.ts';
import type { SweepRun } from './sweep.ts';

export const SHARD_FORMAT = 'firstwall-sweep-shard/1';
export const SWEEP_SCHEMA_PATH = new URL('../../schemas/sweep.schema.json', import.meta.url);

export interface ShardFile {
  format: typeof SHARD_FORMAT;
  header: SweepRun['header'];
  inputs: UncertainInput[];
  shard: Shard & { start: number; end: number };
  samples: SampleRecord[];
}

export function writeShard(out: OutPath, run: SweepRun, shard: Shard, range: [number, number]): string {
  const file: ShardFile = {
    format: SHARD_FORMAT,
    header: run.header,
    inputs: run.inputs,
    shard: { ...shard, start: range[0], end: range[1] },
    samples: [...run.summaries].sort((a, b) => a.index - b.index).map(toRecord),
  };
  return writeIntoFolder(out, shardFileName(shard), JSON.stringify(file) + '\n');
}

let validator:
  (((x: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null }) | undefined;
function shardValidator() {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    ajv.addSchema(JSON.parse(readFileSync(SWEEP_SCHEMA_PATH, 'utf8')) as object);
    validator = ajv.getSchema('https://firstwall.dev/schemas/sweep.schema.json#/$defs/shard')!;
  }
  return validator;
}

/** A shard holds one summary per sample (~1 KB each): 256 MiB is far beyond any real sweep. */
export const MAX_SHARD_BYTES = 256 * 1024 * 1024;

function readShard(file: string): ShardFile {
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(file, file, { maxBytes: MAX_SHARD_BYTES, what: 'shard' }));
  } catch (e) {
    if (e instanceof ReadError) throw new InputError([mcMsg.shardUnreadable(file, e.reason)]);
    if (e instanceof InputError) throw e;
    throw new InputError([mcMsg.shardUnreadable(file, (e as Error).message)]);
  }
  const validate = shardValidator();
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new InputError([
      mcMsg.shardUnreadable(file, `not a sweep shard: ${e?.instancePath || '/'} ${e?.message ?? ''}`.trim()),
    ]);
  }
  return data as ShardFile;
}

/** What makes two shards parts of the same sweep (the file path may differ between machines). */
function identity(s: ShardFile): string {
  const header = { ...s.header, scenario: { ...s.header.scenario, file: '' } };
  return canonicalJson({ header, inputs: s.inputs.map((d) => [d.pointer, d.spec]), count: s.shard.count });
}

/** Reads shard files into one complete sweep run; throws InputError on any gap, overlap or mismatch. */
export function readShards(files: string[]): SweepRun {
  const shards = files.map(readShard);
  const first = shards[0];
  const seen = new Uint8Array(first.header.samples);
  const summaries = [];
  for (const [k, s] of shards.entries()) {
    if (identity(s) !== identity(first))
      throw new InputError([mcMsg.shardMismatch(files[k], 'header, inputs or shard count')]);
    for (const r of s.samples) {
      if (r.index >= seen.length) throw new InputError([mcMsg.shardMismatch(files[k], `sample index ${r.index}`)]);
      if (seen[r.index]++) throw new InputError([mcMsg.shardDuplicate(files[k], r.index)]);
      summaries.push(fromRecord(r));
    }
  }
  const missing = seen.reduce((n, x) => n + (x ? 0 : 1), 0);
  if (missing) throw new InputError([mcMsg.shardMissing(missing, seen.indexOf(0))]);
  return { header: first.header, inputs: first.inputs, summaries };
}
