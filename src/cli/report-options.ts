// Flags shared by `report` and `compare`: --out (checked later by src/report/folder.ts), --seed,
// --png and --date (a calendar date to print; the wall clock is never read).
import path from 'node:path';
import { UsageError } from '../io/errors.ts';

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
export function outFolder(raw: string | undefined, fallback: string, cwd: string): { shown: string; full: string } {
  const shown = raw ?? fallback;
  if (shown.trim() === '') throw new UsageError('--out must name a folder');
  return { shown, full: path.resolve(cwd, shown) };
}
