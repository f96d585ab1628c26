// Issue 17 items 3, 4 and 5 for the commands that came after it: the result and sweep files that
// `report --from`, `compare --from` and `report --sweep` read go through the safe reader (regular
// files only, a byte limit, strict UTF-8), a number beyond the double range in them is a positioned
// user error (not "got null"), and `step --trace` writes through the one output-path resolver.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../cli/helpers.ts';

const SCENARIO = 'test/fixtures/model/single-site.yaml';
const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'fw-results-')));
const at = (name: string) => path.join(dir, name);
let result = '';
beforeAll(async () => {
  const r = await runCli(['run', SCENARIO, '--json', '--draws', '0']);
  expect(r.code, r.stderr).toBe(0);
  result = r.stdout;
  writeFileSync(at('result.json'), result);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The three ways a command reads a result or sweep file, each naming `file`. */
const READERS: [string, (file: string) => string[]][] = [
  ['report --from', (f) => ['report', '--from', f, '--out', at('never')]],
  ['compare --from', (f) => ['compare', '--from', at('result.json'), f]],
  ['report --sweep', (f) => ['report', '--sweep', f, '--out', at('never')]],
];

async function refused(argv: string[]): Promise<string> {
  const r = await runCli(argv);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r.stderr;
}

describe('result and sweep files are read safely', () => {
  test.each(READERS)('%s: /dev/zero is refused at once (not read until memory runs out)', async (_name, argv) => {
    expect(await refused(argv('/dev/zero'))).toMatch(
      /^\/dev\/zero:1:1: cannot read (sweep )?result: a device, not a regular file/,
    );
  });
  test.each(READERS)('%s: a FIFO is refused without waiting for a writer', async (_name, argv) => {
    try {
      execFileSync('mkfifo', [at('fifo.json')], { stdio: 'ignore' });
    } catch {
      // no mkfifo here: the FIFO case of the safe reader is covered by test/io/read-limited.test.ts
    }
    if (!lstatSync(at('fifo.json'), { throwIfNoEntry: false })?.isFIFO()) return;
    expect(await refused(argv(at('fifo.json')))).toContain('a FIFO (named pipe), not a regular file');
  });
  test.each(READERS)('%s: a file claiming 300 MiB is refused by its size (limit 256 MiB)', async (_name, argv) => {
    const fd = openSync(at('huge.json'), 'w');
    ftruncateSync(fd, 300 * 1024 * 1024); // sparse: no disk used
    closeSync(fd);
    expect(await refused(argv(at('huge.json')))).toContain(
      'is 314572800 bytes; the limit is 268435456 bytes (256 MiB)',
    );
  });
  test('invalid UTF-8 in a result file is an error at its line and column', async () => {
    const lines = result.split('\n');
    lines[2] = lines[2].replace('"', '"\u00ff'); // placeholder, replaced by a raw 0xff byte below
    const bytes = Buffer.from(lines.join('\n'), 'utf8');
    const i = bytes.indexOf(Buffer.from('\u00ff', 'utf8'));
    const bad = Buffer.concat([bytes.subarray(0, i), Buffer.from([0xff]), bytes.subarray(i + 2)]);
    writeFileSync(at('latin1.json'), bad);
    const col = lines[2].indexOf('\u00ff') + 1;
    expect(await refused(['report', '--from', at('latin1.json')])).toContain(
      `${at('latin1.json')}:3:${col}: result is not valid UTF-8 (byte 0xff here)`,
    );
  });
  test('a number beyond the double range (1e999) is told where it is, as Infinity, not as "got null"', async () => {
    const text = result.replace(/"target_flop": [^,\n]+/, '"target_flop": 1e999');
    writeFileSync(at('inf.json'), text);
    const line = text.slice(0, text.indexOf('1e999')).split('\n').length;
    const err = await refused(['report', '--from', at('inf.json'), '--out', at('never')]);
    expect(err.split('\n')[0]).toMatch(
      new RegExp(
        `^${at('inf.json')}:${line}:\\d+: not a firstwall result: /steps/0/target_flop must be number \\(got Infinity: a number beyond the double range\\)$`,
      ),
    );
    expect(err).not.toContain('got null');
    expect(lstatSync(at('never'), { throwIfNoEntry: false })).toBeUndefined();
  });
});

describe('step --trace writes through the output-path resolver', () => {
  const step = ['step', 'scenarios/baseline-2025.yaml', '--gpus', '256', '--batch-tokens', '524288'];
  step.push('--plan', 'tp=8,pp=4,recompute=full');
  test('a trace path that is a symlink is refused (exit 2) and its target is left alone', async () => {
    writeFileSync(at('victim.txt'), 'precious');
    symlinkSync(at('victim.txt'), at('trace-link.json'));
    const err = await refused([...step, '--trace', at('trace-link.json')]);
    expect(err).toContain(`--trace "${at('trace-link.json')}" is a symbolic link`);
    expect(readFileSync(at('victim.txt'), 'utf8')).toBe('precious');
  });
  test('an empty --trace is refused', async () => {
    expect(await refused([...step, '--trace', ''])).toMatch(/--trace/);
  });
});
