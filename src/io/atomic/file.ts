// Atomic file writes: the data goes to an exclusively created temp file (`wx`, an unpredictable
// name in the target's folder), then one rename installs it, so a reader sees the old file or the
// new one and a failed run leaves the old file intact. Folders on the way are created one at a
// time without following symlinks: below the folder the user named, a symlink is refused.
// Invariant: no write follows a symlink the user did not name; no temp file survives a failure.
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../errors.ts';
import { checkRelativePath } from './relative-path.ts';
import type { OutPath } from './out-path.ts';
import { guardSignals } from './signals.ts';
import { tempName } from './temp-name.ts';
import { asUserFsError } from './user-fs-error.ts';

function lstatOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Makes `dir` a real folder (creating it if absent); a symlink or a file there is refused. */
export function mkdirNoFollow(dir: string, shown: string): void {
  const st = lstatOrNull(dir);
  if (st?.isDirectory()) return;
  if (st?.isSymbolicLink()) throw new OutputError(`refusing to write ${shown}: ${dir} is a symbolic link`);
  if (st) throw new OutputError(`cannot write ${shown}: ${dir} is not a folder`);
  mkdirNoFollow(path.dirname(dir), shown);
  try {
    mkdirSync(dir); // not recursive: a link planted since the check makes this fail (EEXIST)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !lstatOrNull(dir)?.isDirectory()) throw e;
  }
}

/** Writes `data` to `file` through a `wx` temp file and a rename (the commit point). */
export function installFile(file: string, data: string | Uint8Array, shown: string): void {
  const tmp = tempName(file, 'tmp');
  const guard = guardSignals(() => rmSync(tmp, { force: true }));
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, file); // replaces a link at `file` itself, never its target
    guard.committed(shown);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    guard.release();
  }
}

/** Replaces the file the user named (resolved by resolveOutPath), creating its folder if needed. */
export function writeFileAtomic(target: OutPath, data: string | Uint8Array): void {
  asUserFsError(target.shown, () => {
    mkdirNoFollow(path.dirname(target.full), target.shown);
    if (lstatOrNull(target.full)?.isDirectory()) throw new OutputError(`cannot write ${target.shown}: it is a folder`);
    installFile(target.full, data, target.shown);
  });
}

/** Writes `rel` (a plain relative path, see relative-path.ts) inside the folder the user named. */
export function writeIntoFolder(out: OutPath, rel: string, data: string | Uint8Array): string {
  checkRelativePath(rel);
  const shown = path.join(out.shown, rel);
  const full = path.join(out.full, rel);
  asUserFsError(shown, () => {
    mkdirNoFollow(path.dirname(full), shown);
    const st = lstatOrNull(full);
    if (st?.isDirectory()) throw new OutputError(`cannot write ${shown}: it is a folder`);
    installFile(full, data, shown);
  });
  return shown;
}
