// Atomic report writes: a run that fails half-way or is interrupted with Ctrl-C leaves the previous
// report intact and no temp folder; a successful run replaces the report whole; folders that are
// not firstwall reports are never replaced.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { REPORT_MARKER } from '../../src/io/out-folder.ts';
import { writeReportAtomic, type ReportFile } from '../../src/io/write-folder-atomic.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'firstwall-atomic-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const out = () => path.join(root, 'reports', 'demo');
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

async function previousReport(): Promise<void> {
  await writeReportAtomic(out(), [
    { path: 'index.html', content: 'old' },
    { path: 'data/old.csv', content: 'a\n1\n' },
  ]);
}

describe('writeReportAtomic', () => {
  test('writes every file, the marker, and nothing else beside --out', async () => {
    const w = await writeReportAtomic(out(), [
      { path: 'index.html', content: 'x' },
      { path: 'charts/a.svg', content: '<svg/>' },
    ]);
    expect(w.files).toEqual(['charts/a.svg', 'index.html']);
    expect(listing(out())).toEqual([REPORT_MARKER, 'charts', 'charts/a.svg', 'index.html']);
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
  });

  test('replaces an existing report whole (no file of the old one survives)', async () => {
    await previousReport();
    await writeReportAtomic(out(), [{ path: 'index.html', content: 'new' }]);
    expect(listing(out())).toEqual([REPORT_MARKER, 'index.html']);
    expect(readFileSync(path.join(out(), 'index.html'), 'utf8')).toBe('new');
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
  });

  test('a run that fails half-way leaves the previous report intact and no partial files', async () => {
    await previousReport();
    function* failing(): Generator<ReportFile> {
      yield { path: 'index.html', content: 'new' };
      yield { path: 'data/new.csv', content: 'b\n2\n' };
      throw new Error('render failed');
    }
    await expect(writeReportAtomic(out(), failing())).rejects.toThrow('render failed');
    expect(listing(out())).toEqual([REPORT_MARKER, 'data', 'data/old.csv', 'index.html']);
    expect(readFileSync(path.join(out(), 'index.html'), 'utf8')).toBe('old');
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
  });

  test('Ctrl-C (SIGINT) during the write leaves the previous report intact and removes the temp folder', async () => {
    await previousReport();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('test/report/helpers/interrupt-writer.ts'), out()],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited before ready: ${stderr}`)));
    });
    expect(readdirSync(path.dirname(out())).some((n) => n.startsWith('.demo.tmp-'))).toBe(true); // mid-write
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
    expect(readFileSync(path.join(out(), 'index.html'), 'utf8')).toBe('old');
    expect(listing(out())).toEqual([REPORT_MARKER, 'data', 'data/old.csv', 'index.html']);
  });

  test('refuses a file path that leaves the report folder, and writes nothing', async () => {
    for (const bad of ['../escape.txt', '/etc/passwd', 'charts/../../x', 'a//b', 'C:/x', 'a\\b', '']) {
      await expect(
        writeReportAtomic(out(), [
          { path: 'index.html', content: 'x' },
          { path: bad, content: 'x' },
        ]),
      ).rejects.toThrow(/refusing to write/);
    }
    expect(existsSync(out())).toBe(false);
    expect(existsSync(path.join(root, 'escape.txt'))).toBe(false);
    expect(readdirSync(path.dirname(out()))).toEqual([]);
  });

  test('refuses to replace a folder that is not a firstwall report, a file, or a symlink', async () => {
    mkdirSync(out(), { recursive: true });
    writeFileSync(path.join(out(), 'thesis.tex'), 'precious');
    await expect(writeReportAtomic(out(), [{ path: 'index.html', content: 'x' }])).rejects.toThrow(
      /not a firstwall report/,
    );
    expect(readFileSync(path.join(out(), 'thesis.tex'), 'utf8')).toBe('precious');
    const file = path.join(root, 'file.txt');
    writeFileSync(file, 'f');
    await expect(writeReportAtomic(file, [])).rejects.toThrow(/not a folder/);
    const link = path.join(root, 'link');
    symlinkSync(path.join(root, 'reports'), link);
    await expect(writeReportAtomic(link, [])).rejects.toThrow(/symbolic link/);
  });

  test('an empty existing folder may be used', async () => {
    mkdirSync(out(), { recursive: true });
    await writeReportAtomic(out(), [{ path: 'index.html', content: 'x' }]);
    expect(listing(out())).toEqual([REPORT_MARKER, 'index.html']);
  });
});
