// Writes a whole report folder atomically: every file goes into a sibling temp folder
// `.<name>.tmp-<pid>` next to --out, and only when all are written is the folder swapped in by
// rename. A run that throws half-way, or is interrupted (SIGINT/SIGTERM), removes the temp folder
// and leaves the previous report as it was. Invariant: readers see the old report or the new one,
// never a mix, and no partial files remain.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPORT_MARKER, checkOutFolder, resolveInside } from './out-folder.ts';

export interface ReportFile {
  /** Path relative to the report folder, with "/" separators (checked by folder.ts). */
  path: string;
  content: string | Uint8Array;
}

export interface Written {
  out: string;
  files: string[];
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Removes `dir` on SIGINT/SIGTERM, then lets the signal end the process as it would have. */
function guardSignals(dir: string): () => void {
  const handlers = SIGNALS.map((sig) => {
    const h = () => {
      rmSync(dir, { recursive: true, force: true });
      release();
      process.kill(process.pid, sig);
    };
    process.once(sig, h);
    return [sig, h] as const;
  });
  const release = () => {
    for (const [sig, h] of handlers) process.removeListener(sig, h);
  };
  return release;
}

/** Replaces `out` with `tmp` by two renames; puts the old report back if the second rename fails. */
function swapIn(tmp: string, out: string, old: string): void {
  if (!existsSync(out)) {
    renameSync(tmp, out);
    return;
  }
  rmSync(old, { recursive: true, force: true });
  renameSync(out, old);
  try {
    renameSync(tmp, out);
  } catch (e) {
    renameSync(old, out);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

/** Writes every file into a temp folder, then swaps it in for `out` (see the file comment). */
export async function writeReportAtomic(
  outDir: string,
  files: Iterable<ReportFile> | AsyncIterable<ReportFile>,
): Promise<Written> {
  const out = path.resolve(outDir);
  checkOutFolder(out);
  const parent = path.dirname(out);
  mkdirSync(parent, { recursive: true });
  const tmp = path.join(parent, `.${path.basename(out)}.tmp-${process.pid}`);
  const old = path.join(parent, `.${path.basename(out)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const release = guardSignals(tmp);
  const written: string[] = [];
  try {
    for await (const f of files) {
      const full = resolveInside(tmp, f.path);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, f.content, { flag: 'wx' }); // wx: two files of one name is a bug, not an overwrite
      written.push(f.path);
    }
    writeFileSync(
      path.join(tmp, REPORT_MARKER),
      'firstwall report folder: `firstwall report` and `compare` replace it whole.\n',
    );
    swapIn(tmp, out, old);
    return { out, files: written.sort() };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    release();
  }
}
