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

// The return type is spelled out so the emitted .d.ts can name it (node:util does not export it).
export function parseCommandArgs<O extends Options>(args: string[], options: O): ParsedArgs<O> {
  try {
    return parseArgs({
      args,
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
