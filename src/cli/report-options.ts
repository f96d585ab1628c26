// Flags shared by `report` and `compare`: --out (resolved by src/io/atomic/out-path.ts), --seed,
// --png and --date (a calendar date to print; the wall clock is never read).
import { UsageError } from '../io/errors.ts';
import { resolveOutPath, type OutPath } from '../io/atomic/out-path.ts';

export const REPORT_FLAGS = {
  out: { type: 'string', short: 'o' },
  seed: { type: 'string' },
  png: { type: 'boolean' },
  date: { type: 'string' },
} as const;

/** A YYYY-MM-DD date that exists on the calendar (2025-02-30 is refused). */
export function parseDate(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const ok =
    /^\d{4}-\d{2}-\d{2}$/.test(raw) &&
    !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) &&
    new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) === raw;
  if (!ok) throw new UsageError(`--date must be a calendar date YYYY-MM-DD (got "${raw}")`);
  return raw;
}

export { parseSeed } from './options.ts';

/** The --out folder resolved against the working directory, or the default under reports/. */
export function outFolder(raw: string | undefined, fallback: string, cwd: string): OutPath {
  return resolveOutPath(raw ?? fallback, '--out', 'folder', cwd);
}
