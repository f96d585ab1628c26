// One rule for every output path a user names (`--out`, `--trace`): checked and resolved the same
// way by every command. Relative paths resolve against the working folder, but nothing confines
// output to it. Parent folders are resolved with realpath (a system temp folder that is itself a
// symlink, such as macOS's /var -> /private/var, works); only the final component may not be a
// symlink, so a write never follows a link the user did not name.
// Invariant: the returned `full` is absolute, its parent has no symlinks, and `full` itself is
// absent or of the kind asked for.
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from '../errors.ts';
import { fsReason } from '../read-limited.ts';

export interface OutPath {
  /** As the user gave it, for messages. */
  shown: string;
  /** Absolute, with the parent's symlinks resolved. */
  full: string;
}

/** realpath of the deepest existing ancestor of `p`, joined with the rest of `p`. */
function realParent(p: string): string {
  const rest: string[] = [];
  let probe = p;
  for (;;) {
    try {
      return path.join(realpathSync(probe), ...rest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      const up = path.dirname(probe);
      if (up === probe) return p;
      rest.unshift(path.basename(probe));
      probe = up;
    }
  }
}

function lstatOrNull(p: string) {
  try {
    return lstatSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

/**
 * Checks and resolves an output path named by `flag` (see the file comment). `kind` says what it
 * must be if it exists: a folder (written into) or a file (replaced).
 */
export function resolveOutPath(raw: string | undefined, flag: string, kind: 'folder' | 'file', cwd: string): OutPath {
  if (raw === undefined || raw.trim() === '') throw new OutputError(`${flag} must name a ${kind} (got an empty path)`);
  if (raw.includes('\0')) throw new OutputError(`${flag} "${raw}" holds a NUL byte`);
  const abs = path.resolve(cwd, raw);
  if (abs === path.parse(abs).root) throw new OutputError(`${flag} may not be the file-system root`);
  let full: string;
  let st;
  try {
    full = path.join(realParent(path.dirname(abs)), path.basename(abs));
    st = lstatOrNull(full);
  } catch (e) {
    throw new OutputError(`cannot write ${raw}: ${fsReason(e)}`);
  }
  if (st?.isSymbolicLink())
    throw new OutputError(`${flag} "${raw}" is a symbolic link; give the real ${kind} it points to`);
  if (st && kind === 'folder' && !st.isDirectory())
    throw new OutputError(`${flag} "${raw}" exists and is not a folder`);
  if (st && kind === 'file' && !st.isFile()) throw new OutputError(`${flag} "${raw}" exists and is not a regular file`);
  return { shown: raw, full };
}
