// Safe reading (issue 17, item 3 and 6): scenarios, `extends` targets, calibration files and shards
// are read only from regular files, through a descriptor with a hard byte limit, as strict UTF-8.
// Devices (/dev/zero), FIFOs, folders and huge files are refused at once with a positioned message.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/io/errors.ts';
import { firstInvalidUtf8, readTextFile } from '../../src/io/read-limited.ts';
import { runCli } from '../cli/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'fw-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MINIMAL = 'test/fixtures/valid/minimal.yaml';
const abs = (p: string) => join(process.cwd(), p);

function fifo(name: string): string | null {
  const p = join(dir, name);
  try {
    execFileSync('mkfifo', [p]);
    return p;
  } catch {
    return null;
  }
}

function sparse(name: string, bytes: number): string {
  const p = join(dir, name);
  const fd = openSync(p, 'w');
  ftruncateSync(fd, bytes); // a sparse file: claims 1 GiB, uses no disk
  closeSync(fd);
  return p;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('no error');
}

describe('readTextFile', () => {
  const limit = { maxBytes: 16, what: 'scenario' };
  test('reads a regular file within the limit, dropping a UTF-8 BOM', () => {
    const p = join(dir, 'ok.yaml');
    writeFileSync(p, '\uFEFFname: é\n');
    expect(readTextFile(p, 'ok.yaml', limit)).toBe('name: é\n');
  });
  test('a file one byte over the limit is refused with its size', () => {
    const p = join(dir, 'big.yaml');
    writeFileSync(p, 'x'.repeat(17));
    expect(problems(() => readTextFile(p, 'big.yaml', limit))).toEqual([
      'big.yaml:1:1: scenario is 17 bytes; the limit is 16 bytes',
    ]);
  });
  test('/dev/zero (size 0 to stat) is refused without reading it', () => {
    expect(problems(() => readTextFile('/dev/zero', '/dev/zero', limit))).toEqual([
      '/dev/zero:1:1: cannot read scenario: a device, not a regular file',
    ]);
  });
  test('a folder is refused', () => {
    expect(problems(() => readTextFile(dir, 'dir', limit))).toEqual([
      'dir:1:1: cannot read scenario: a folder, not a regular file',
    ]);
  });
  test('a FIFO is refused at once (opening it does not wait for a writer)', (ctx) => {
    const p = fifo('pipe.yaml');
    if (!p) return ctx.skip('mkfifo is not available here');
    expect(problems(() => readTextFile(p, 'pipe.yaml', limit))).toEqual([
      'pipe.yaml:1:1: cannot read scenario: a FIFO (named pipe), not a regular file',
    ]);
  });
  test('invalid UTF-8 is an error at its line and column, not a silent U+FFFD', () => {
    const p = join(dir, 'latin1.yaml');
    writeFileSync(p, Buffer.concat([Buffer.from('name: x\ndesc: ça '), Buffer.from([0xe9]), Buffer.from('t\n')]));
    expect(problems(() => readTextFile(p, 'latin1.yaml', { maxBytes: 100, what: 'scenario' }))).toEqual([
      'latin1.yaml:2:10: scenario is not valid UTF-8 (byte 0xe9 here); save the file as UTF-8',
    ]);
  });
  test('firstInvalidUtf8 follows the WHATWG decoder (overlongs, surrogates, > U+10FFFF, truncation)', () => {
    const at = (...b: number[]) => firstInvalidUtf8(Uint8Array.from(b));
    expect(at(0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)).toBe(-1);
    expect(at(0x41, 0xc0, 0x80)).toBe(1); // overlong
    expect(at(0xed, 0xa0, 0x80)).toBe(0); // surrogate
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
    expect(at(0x41, 0xe2, 0x82)).toBe(1); // truncated
    expect(at(0x80)).toBe(0); // lone continuation byte
    for (const bytes of [[0x41, 0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff]]) {
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))).toThrow();
    }
  });
});

describe('issue 17 "Why": special files through the CLI', () => {
  test('validate /dev/zero exits 2 at once (it grew past 2 GB before)', async () => {
    expect(await runCli(['validate', '/dev/zero'])).toEqual({
      code: 2,
      stdout: '',
      stderr: '/dev/zero:1:1: cannot read scenario: a device, not a regular file\n',
    });
  });
  test('validate of a FIFO exits 2 at once (it blocked forever before)', async (ctx) => {
    const p = fifo('scenario-pipe.yaml');
    if (!p) return ctx.skip('mkfifo is not available here');
    const r = await runCli(['validate', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${p}:1:1: cannot read scenario: a FIFO (named pipe), not a regular file\n`);
  });
  test('a base that is not UTF-8 is reported where extends names it', async () => {
    const bad = join(dir, 'latin1-base.yaml');
    writeFileSync(bad, Buffer.from([0x6e, 0x3a, 0x20, 0xe9, 0x0a]));
    const p = join(dir, 'extends-latin1.yaml');
    writeFileSync(p, 'name: x\nextends: latin1-base.yaml\n');
    expect((await runCli(['validate', p])).stderr).toBe(
      `${p}:2:10: /extends "latin1-base.yaml" cannot be read: not valid UTF-8 (byte 0xe9 at line 1, column 4)\n`,
    );
  });
  test('extends: /dev/zero is reported where extends names it', async () => {
    const p = join(dir, 'extends-zero.yaml');
    writeFileSync(p, 'name: x\nextends: /dev/zero\n');
    const r = await runCli(['validate', p]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `${p}:2:10: /extends "/dev/zero" cannot be read: a device, not a regular file\n`,
    });
  });
  test('a calibration that is a device, a 1 GiB file or invalid UTF-8 fails validate (and run) with a position', async () => {
    const big = sparse('huge.json', 1024 ** 3);
    const bad = join(dir, 'bad-utf8.json');
    writeFileSync(bad, Buffer.from([0x7b, 0x0a, 0x22, 0xff, 0x22]));
    const cases: [string, string][] = [
      ['/dev/zero', 'cannot be read: a device, not a regular file'],
      [big, 'cannot be read: 1073741824 bytes, over the limit of 4194304 bytes (4 MiB)'],
    ];
    for (const [target, why] of cases) {
      const p = join(dir, 'with-cal.yaml');
      writeFileSync(p, `extends: ${abs(MINIMAL)}\ncalibration: ${target}\n`);
      for (const cmd of ['validate', 'run']) {
        const r = await runCli([cmd, p]);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`${p}:2:14: /calibration "${target}" ${why}\n`);
      }
    }
    const p = join(dir, 'with-bad-cal.yaml');
    writeFileSync(p, `extends: ${abs(MINIMAL)}\ncalibration: bad-utf8.json\n`);
    const r = await runCli(['validate', p]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `${p}:2:14: /calibration "bad-utf8.json" cannot be read: not valid UTF-8 (byte 0xff at line 2, column 2)\n`,
    });
  });
  test('a calibration that breaks its schema fails validate, positioned in the calibration file', async () => {
    const cal = join(dir, 'bad-schema.json');
    writeFileSync(cal, '{\n  "format": "firstwall-calibration/1"\n}\n');
    const p = join(dir, 'with-schema-cal.yaml');
    writeFileSync(p, `extends: ${abs(MINIMAL)}\ncalibration: bad-schema.json\n`);
    const r = await runCli(['validate', p]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`${p}:2:14: /calibration "bad-schema.json" is not a usable calibration:`);
    for (const l of lines.slice(1)) expect(l).toMatch(/bad-schema\.json:1:1: \(root\) must have required property/);
  });
  test('shards and micro-MoE configs go through the same reader', async () => {
    expect((await runCli(['merge', '/dev/zero'])).stderr).toBe(
      '/dev/zero: cannot read shard: a device, not a regular file\n',
    );
    const r = await runCli(['calibrate', '--config', '/dev/zero', '--out', join(dir, 'c.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero:1:1: cannot read micro-MoE config: a device, not a regular file');
    expect(existsSync(join(dir, 'c.json'))).toBe(false);
  });
  test('a folder given as the scenario is refused', async () => {
    mkdirSync(join(dir, 'sub'));
    expect((await runCli(['validate', join(dir, 'sub')])).stderr).toBe(
      `${join(dir, 'sub')}:1:1: cannot read scenario: a folder, not a regular file\n`,
    );
  });
});
