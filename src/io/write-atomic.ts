// Atomic file writes: write a temp file in the same folder, then rename over the target, so a
// reader never sees a half-written file and a failed run leaves the previous file intact.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.ts';

/** File-system refusals the user can fix (a path through a file, no permission, a read-only disk). */
const USER_FS_ERRORS = new Set(['EEXIST', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENAMETOOLONG']);

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.tmp-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing was written there */
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code && USER_FS_ERRORS.has(code))
      throw new UsageError(
        `cannot write ${file}: ${code === 'EEXIST' || code === 'ENOTDIR' ? 'a parent path is a file, not a folder' : code}`,
      );
    throw e;
  }
}
