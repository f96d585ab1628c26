// Names of the files an output folder holds: plain relative paths that cannot leave the folder.
import path from 'node:path';
import { OutputError } from '../errors.ts';

/** Checks a relative path for a file inside an output folder: no absolute paths, no `..`, no odd characters. */
export function checkRelativePath(rel: string): string {
  const bad = (why: string) => new OutputError(`refusing to write "${rel}": ${why}`);
  if (rel === '' || rel.includes('\0')) throw bad('empty or holds a NUL byte');
  if (path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.includes('\\'))
    throw bad('not a relative path inside the report folder');
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) throw bad('path segments may not be empty, "." or ".."');
  if (parts.some((p) => !/^[A-Za-z0-9._-]+$/.test(p)))
    throw bad('names may hold only letters, digits, ".", "_" and "-"');
  return rel;
}
