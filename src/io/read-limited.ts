// Reading a user-named file safely: only a regular file (not a device such as /dev/zero, a
// FIFO that would block forever, or a folder), read through one descriptor with a hard byte limit
// (at most limit + 1 bytes are ever read, whatever size the file claims), and, for text, decoded as
// strict UTF-8 (an invalid byte is an error at its line and column, never a silent U+FFFD).
// Invariant: returns the whole file (bytes or text), or throws InputError with one
// `file:line:col: message`.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors.ts';

export interface ReadLimit {
  /** Largest accepted size in bytes. */
  maxBytes: number;
  /** What the file is, for messages: "scenario", "calibration", "shard". */
  what: string;
}

/** The size limit in words: 1048576 bytes (1 MiB). */
export function bytesText(n: number): string {
  const mib = n / (1024 * 1024);
  return `${n} bytes${Number.isInteger(mib) ? ` (${mib} MiB)` : ''}`;
}

/**
 * The file could not be read at all (missing, not a regular file, too large, unreadable): `reason`
 * is the cause without the file name, so a caller can report it where the file is named.
 */
export class ReadError extends InputError {
  constructor(
    problem: string,
    readonly reason: string,
  ) {
    super([problem]);
  }
}

export const readMsg = {
  missing: (file: string, what: string) => `${file}:1:1: cannot read ${what}: no such file`,
  unreadable: (file: string, what: string, reason: string) => `${file}:1:1: cannot read ${what}: ${reason}`,
  notRegular: (file: string, what: string, kind: string) =>
    `${file}:1:1: cannot read ${what}: ${kind}, not a regular file`,
  tooLarge: (file: string, what: string, bytes: number | undefined, max: number) =>
    `${file}:1:1: ${what} is ${bytes === undefined ? 'larger than the limit' : `${bytes} bytes`}; the limit is ${bytesText(max)}`,
  badUtf8: (loc: string, what: string, byte: number) =>
    `${loc}: ${what} is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')} here); save the file as UTF-8`,
} as const;

/** Why an fs call failed, in words for the user (the errno code stays for searching). */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a parent path is a file, not a folder',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file of that name already exists',
  };
  return code ? `${words[code] ?? 'error'} (${code})` : String((e as Error)?.message ?? e);
}

function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

/** Reads at most `max + 1` bytes of the open file `fd`; undefined when it holds more than `max`. */
function readCapped(fd: number, max: number, sizeHint: number): Buffer | undefined {
  let buf = Buffer.allocUnsafe(Math.min(max, sizeHint) + 1);
  let got = 0;
  for (;;) {
    if (got === buf.length) {
      const bigger = Buffer.allocUnsafe(Math.min(max + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) break;
    got += n;
    if (got > max) return undefined;
  }
  return buf.subarray(0, got);
}

/** Byte offset of the first invalid UTF-8 sequence in `b`, or -1 (WHATWG decoder rules). */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    let n = 0;
    let lo = 0x80,
      hi = 0xbf;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f; // no UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** 1-based line and column (in characters) of byte `offset` of UTF-8 `b` (valid before `offset`). */
export function lineColAt(b: Uint8Array, offset: number): { line: number; col: number } {
  let lineStart = 0,
    line = 1;
  for (let i = 0; i < offset; i++)
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  const col = [...Buffer.from(b.subarray(lineStart, offset)).toString('utf8')].length + 1;
  return { line, col };
}

function tooLarge(file: string, limit: ReadLimit, size: number | undefined): ReadError {
  return new ReadError(
    readMsg.tooLarge(file, limit.what, size, limit.maxBytes),
    `${size === undefined ? 'larger than' : `${size} bytes, over`} the limit of ${bytesText(limit.maxBytes)}`,
  );
}

/**
 * Reads the regular file at `path` as bytes, at most `limit.maxBytes` of them (see the file
 * comment). `file` is the name used in messages (as the user gave it).
 */
export function readBytesFile(path: string, file: string, limit: ReadLimit): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; regular files ignore the flag.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ReadError(readMsg.missing(file, limit.what), 'no such file');
    throw new ReadError(readMsg.unreadable(file, limit.what, fsReason(e)), fsReason(e));
  }
  let bytes: Buffer | undefined;
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new ReadError(readMsg.notRegular(file, limit.what, kindOf(st)), `${kindOf(st)}, not a regular file`);
    if (st.size > limit.maxBytes) throw tooLarge(file, limit, st.size);
    bytes = readCapped(fd, limit.maxBytes, st.size);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new ReadError(readMsg.unreadable(file, limit.what, fsReason(e)), fsReason(e));
  } finally {
    closeSync(fd);
  }
  if (bytes === undefined) throw tooLarge(file, limit, undefined);
  return bytes;
}

/**
 * Reads the regular file at `path` as UTF-8 text (see the file comment). `file` is the name used
 * in messages (as the user gave it).
 */
export function readTextFile(path: string, file: string, limit: ReadLimit): string {
  const bytes = readBytesFile(path, file, limit);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, col } = lineColAt(bytes, bad);
    const byte = bytes[bad].toString(16).padStart(2, '0');
    throw new ReadError(
      readMsg.badUtf8(`${file}:${line}:${col}`, limit.what, bytes[bad]),
      `not valid UTF-8 (byte 0x${byte} at line ${line}, column ${col})`,
    );
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
