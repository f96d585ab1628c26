// Path checks for report output: every file a report writes is a relative path that must resolve
// inside the report folder, and an existing folder is replaced only if it is a firstwall report.
// Invariant: nothing is ever written outside the resolved --out folder.
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.ts';

/** Marker file that every report folder holds, so `--out` never replaces a folder we did not write. */
export const REPORT_MARKER = '.firstwall-report';

/** Checks a relative path for a file inside the report: no absolute paths, no `..`, no odd characters. */
export function checkRelativePath(rel: string): string {
  const bad = (why: string) => new UsageError(`refusing to write "${rel}": ${why}`);
  if (rel === '' || rel.includes('\0')) throw bad('empty or holds a NUL byte');
  if (path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.includes('\\'))
    throw bad('not a relative path inside the report folder');
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) throw bad('path segments may not be empty, "." or ".."');
  if (parts.some((p) => !/^[A-Za-z0-9._-]+$/.test(p)))
    throw bad('names may hold only letters, digits, ".", "_" and "-"');
  return rel;
}

/** Resolves `rel` under `root` and proves the result stays inside `root` (also through symlinks that exist). */
export function resolveInside(root: string, rel: string): string {
  checkRelativePath(rel);
  const full = path.resolve(root, rel);
  const inside = (p: string, r: string) => p === r || p.startsWith(r + path.sep);
  if (!inside(full, path.resolve(root))) throw new UsageError(`refusing to write "${rel}": outside the report folder`);
  // The nearest existing ancestor, with symlinks resolved, must still be inside the real root.
  let probe = full;
  while (!existsSync(probe)) probe = path.dirname(probe);
  if (existsSync(root) && !inside(realpathSync(probe), realpathSync(root))) {
    throw new UsageError(`refusing to write "${rel}": a symlink leads outside the report folder`);
  }
  return full;
}

/**
 * Checks the --out folder: it may be absent, empty, or an earlier firstwall report (which is then
 * replaced whole). Anything else (a file, a symlink, a folder of other files) is refused.
 */
export function checkOutFolder(out: string): void {
  if (path.resolve(out) === path.parse(path.resolve(out)).root)
    throw new UsageError(`--out may not be the file-system root`);
  if (!existsSync(out) && !isDanglingLink(out)) return;
  const st = lstatSync(out);
  if (st.isSymbolicLink()) throw new UsageError(`--out "${out}" is a symbolic link; give the real folder`);
  if (!st.isDirectory()) throw new UsageError(`--out "${out}" exists and is not a folder`);
  const entries = readdirSync(out);
  if (entries.length && !entries.includes(REPORT_MARKER)) {
    throw new UsageError(
      `--out "${out}" holds files that are not a firstwall report; refusing to replace it (choose a new or empty folder)`,
    );
  }
}

function isDanglingLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
