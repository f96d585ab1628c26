// Temp names beside a target: `.<name>.<pid>-<random>.<tag>`. The random part (12 hex digits from
// the OS CSPRNG) makes the name unpredictable, so nobody can plant a link there in advance; the
// pid lets a later run tell whether the writer of a leftover is still alive.
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export type TempTag = 'tmp' | 'old';

export function tempName(target: string, tag: TempTag): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.${tag}`,
  );
}

/** Leftovers of `target` in its folder: name, tag, and the pid that made them. */
export function parseTempName(target: string, entry: string): { tag: TempTag; pid: number } | null {
  const prefix = `.${path.basename(target)}.`;
  if (!entry.startsWith(prefix)) return null;
  const m = /^(\d+)-[0-9a-f]{12}\.(tmp|old)$/.exec(entry.slice(prefix.length));
  return m ? { pid: Number(m[1]), tag: m[2] as TempTag } : null;
}

/** True if a process with this pid is running (so its temp files may still be in use). */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
