// Writes a whole report folder atomically: every file goes into an exclusively created sibling
// temp folder (unpredictable name), and only when all are written is it swapped in for --out by
// two renames. A run that throws half-way, or is interrupted (SIGINT/SIGTERM) before the swap,
// removes the temp folder and leaves the previous report as it was; a signal during the swap waits
// for it to finish (the run then exits 0). A swap killed between its two renames (SIGKILL, power
// loss) leaves the previous report under a `.old` name: the next write puts it back, says so, and
// removes leftovers whose writer is gone. An existing folder is replaced only if it is a firstwall
// report (it holds REPORT_MARKER).
// Invariant: readers see the old report or the new one, never a mix, and no partial files remain.
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../errors.ts';
import { mkdirNoFollow } from './file.ts';
import type { OutPath } from './out-path.ts';
import { checkRelativePath } from './relative-path.ts';
import { guardSignals } from './signals.ts';
import { alive, parseTempName, tempName } from './temp-name.ts';
import { toUserFsError } from './user-fs-error.ts';

/** Marker file that every report folder holds, so `--out` never replaces a folder we did not write. */
export const REPORT_MARKER = '.firstwall-report';

export interface ReportFile {
  /** Path relative to the report folder, with "/" separators (checked by relative-path.ts). */
  path: string;
  content: string | Uint8Array;
}

export interface Written {
  out: string;
  files: string[];
  /** What the write repaired or noticed (an interrupted earlier swap), one line each. */
  notes: string[];
}

const exists = (p: string) => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/** Repairs what an interrupted earlier swap left beside `out` (see the file comment). */
export function recoverSwap(out: string, shown: string): string[] {
  const parent = path.dirname(out);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const stale = entries
    .map((name) => ({ name, t: parseTempName(out, name) }))
    .filter((x): x is { name: string; t: NonNullable<typeof x.t> } => x.t !== null && !alive(x.t.pid));
  const notes: string[] = [];
  const olds = stale
    .filter((x) => x.t.tag === 'old')
    .sort((a, b) => statSync(path.join(parent, b.name)).mtimeMs - statSync(path.join(parent, a.name)).mtimeMs);
  if (!exists(out) && olds.length) {
    renameSync(path.join(parent, olds[0].name), out);
    notes.push(`an earlier report swap was interrupted between its renames: restored the previous report to ${shown}`);
  }
  for (const x of stale) {
    const p = path.join(parent, x.name);
    if (!exists(p)) continue;
    rmSync(p, { recursive: true, force: true });
    notes.push(`removed ${path.join(path.dirname(shown), x.name)}, left by an interrupted write`);
  }
  return notes;
}

/** An existing --out must be empty or an earlier firstwall report (which is then replaced whole). */
export function checkOutFolder(out: OutPath): void {
  if (!exists(out.full)) return;
  const entries = readdirSync(out.full);
  if (entries.length && !entries.includes(REPORT_MARKER)) {
    throw new OutputError(
      `--out "${out.shown}" holds files that are not a firstwall report; refusing to replace it (choose a new or empty folder)`,
    );
  }
}

/** Replaces `out` with `tmp` by two renames; puts the old report back if the second rename fails. */
function swapIn(tmp: string, out: string): void {
  if (!exists(out)) {
    renameSync(tmp, out);
    return;
  }
  const old = tempName(out, 'old');
  renameSync(out, old);
  try {
    renameSync(tmp, out);
  } catch (e) {
    renameSync(old, out);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

async function fill(tmp: string, files: Iterable<ReportFile> | AsyncIterable<ReportFile>): Promise<string[]> {
  const written: string[] = [];
  for await (const f of files) {
    const full = path.join(tmp, checkRelativePath(f.path));
    mkdirNoFollow(path.dirname(full), f.path);
    writeFileSync(full, f.content, { flag: 'wx' }); // wx: two files of one name is a bug, not an overwrite
    written.push(f.path);
  }
  writeFileSync(
    path.join(tmp, REPORT_MARKER),
    'firstwall report folder: `firstwall report` and `compare` replace it whole.\n',
  );
  return written.sort();
}

/** Writes every file into a temp folder, then swaps it in for `out` (see the file comment). */
export async function writeReportAtomic(
  out: OutPath,
  files: Iterable<ReportFile> | AsyncIterable<ReportFile>,
): Promise<Written> {
  let notes: string[];
  let tmp: string;
  try {
    notes = recoverSwap(out.full, out.shown);
    checkOutFolder(out);
    mkdirNoFollow(path.dirname(out.full), out.shown);
    tmp = tempName(out.full, 'tmp');
    mkdirSync(tmp); // exclusive: fails if anything (a planted link too) holds the name
  } catch (e) {
    throw toUserFsError(out.shown, e);
  }
  const guard = guardSignals(() => rmSync(tmp, { recursive: true, force: true }));
  try {
    const written = await fill(tmp, files);
    swapIn(tmp, out.full); // synchronous: a signal during it is handled after, as committed
    guard.committed(`the report ${out.shown}`);
    return { out: out.full, files: written, notes };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw toUserFsError(out.shown, e);
  } finally {
    guard.release();
  }
}
