// Small helpers over node:util parseArgs: strict parsing, usage errors instead of stack traces,
// and numeric flags validated with messages that name the flag and the bad value.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../io/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type ParsedArgs<O extends Options> = ReturnType<
  typeof parseArgs<{
    args: string[];
    options: { help: { type: 'boolean'; short: 'h' } } & O;
    allowPositionals: true;
    strict: true;
  }>
>;

/**
 * `--seed -1` as `--seed=-1`: a negative number after a flag that takes a value is that value, so
 * it gets the flag's range message instead of parseArgs's "argument is ambiguous".
 */
export function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([^=]+)$/.exec(args[i])?.[1];
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

// The return type is spelled out so the emitted .d.ts can name it (node:util does not export it).
export function parseCommandArgs<O extends Options>(args: string[], options: O): ParsedArgs<O> {
  try {
    return parseArgs({
      args: joinNegativeValues(args, options),
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function parseIntOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^[-+]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be an integer ${max < Number.MAX_SAFE_INTEGER ? `in [${min}, ${max}]` : `>= ${min}`} (got "${raw}")`,
    );
  }
  return n;
}

/**
 * Most samples one sweep holds: every per-sample summary stays in memory until aggregation, ~1 KB
 * for a 16-step run, so 1e5 samples is ~100 MB (E); larger studies run as shards of this size.
 */
export const MAX_SAMPLES = 100_000;
/** Most worker threads: far past any machine this runs on, so a typo cannot start a thread storm. */
export const MAX_WORKERS = 1024;

/** Seeds are 32-bit unsigned, as the scenario schema's `seed`. */
export const MAX_SEED = 4294967295;

/** `--seed N` for every command: absent stays undefined (the scenario's seed applies). */
export function parseSeed(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : parseIntOption('seed', raw, 0, 0, MAX_SEED);
}

export function parseNumberList(name: string, raw: string | undefined, fallback: number[]): number[] {
  if (raw === undefined) return fallback;
  const parts = raw.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`--${name} must be a comma-separated list of numbers (got "${raw}")`);
  }
  return nums;
}
