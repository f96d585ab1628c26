// File-system refusals the user can fix (no permission, a read-only disk, a full disk, a path
// through a file) become UsageError naming the path (exit 2); anything else stays internal.
import { OutputError } from '../errors.ts';
import { fsReason } from '../read-limited.ts';

const USER_FS_ERRORS = new Set([
  'EEXIST',
  'ENOTDIR',
  'EISDIR',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'ENAMETOOLONG',
  'ELOOP',
]);

/** Runs `fn`; a user-fixable fs error becomes `cannot write <shown>: <reason>`. */
export function asUserFsError<T>(shown: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toUserFsError(shown, e);
  }
}

export function toUserFsError(shown: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code && USER_FS_ERRORS.has(code) ? new OutputError(`cannot write ${shown}: ${fsReason(e)}`) : e;
}
