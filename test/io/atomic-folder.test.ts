// Atomic report writes: a run that fails half-way or is interrupted with Ctrl-C leaves the previous
// report intact and no temp folder; a successful run replaces the report whole; folders that are
// not firstwall reports are never replaced; a swap killed between its renames is repaired by the
// next write; Ctrl-C during the swap lets the run finish with exit 0.
import { spawn, spawnSync } from 'node:child_process';
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
import { REPORT_MARKER, writeReportAtomic, type ReportFile } from '../../src/io/atomic/folder.ts';
import { resolveOutPath } from '../../src/io/atomic/out-path.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'firstwall-atomic-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const out = () => path.join(root, 'reports', 'demo');
const target = (p = out()) => resolveOutPath(p, '--out', 'folder', root);
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

async function previousReport(): Promise<void> {
  await writeReportAtomic(target(), [
    { path: 'index.html', content: 'old' },
    { path: 'data/old.csv', content: 'a\n1\n' },
  ]);
}

function runHelper(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.resolve('test/io/helpers/swap-helper.ts'), ...args], {
    encoding: 'utf8',
  });
}

describe('writeReportAtomic', () => {
  test('writes every file, the marker, and nothing else beside --out', async () => {
    const w = await writeReportAtomic(target(), [
      { path: 'index.html', content: 'x' },
      { path: 'charts/a.svg', content: '<svg/>' },
    ]);
    expect(w.files).toEqual(['charts/a.svg', 'index.html']);
    expect(w.notes).toEqual([]);
    expect(listing(out())).toEqual([REPORT_MARKER, 'charts', 'charts/a.svg', 'index.html']);
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
  });

  test('replaces an existing report whole (no file of the old one survives)', async () => {
    await previousReport();
    await writeReportAtomic(target(), [{ path: 'index.html', content: 'new' }]);
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
    await expect(writeReportAtomic(target(), failing())).rejects.toThrow('render failed');
    expect(listing(out())).toEqual([REPORT_MARKER, 'data', 'data/old.csv', 'index.html']);
    expect(readFileSync(path.join(out(), 'index.html'), 'utf8')).toBe('old');
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
  });

  test('Ctrl-C (SIGINT) during the write leaves the previous report intact and removes the temp folder', async () => {
    await previousReport();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('test/io/helpers/interrupt-writer.ts'), out()],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
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
    expect(readdirSync(path.dirname(out())).some((n) => /^\.demo\.\d+-[0-9a-f]{12}\.tmp$/.test(n))).toBe(true); // mid-write
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
    expect(readFileSync(path.join(out(), 'index.html'), 'utf8')).toBe('old');
    expect(listing(out())).toEqual([REPORT_MARKER, 'data', 'data/old.csv', 'index.html']);
  });

  test('issue 17: Ctrl-C during the swap installs the new report and exits 0', async () => {
    await previousReport();
    const r = runHelper([out(), 'second', 'SIGINT']);
    // the signal reaches JavaScript some loop turns later, if at all before exit: a note or nothing
    expect(['', `firstwall: interrupted after the report ${out()} was written\n`]).toContain(r.stderr);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('wrote 1 files\n');
    expect(readFileSync(path.join(out(), 'index.html'), 'utf8')).toBe('new');
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
  });

  test('issue 17: a swap killed between its renames is repaired by the next write', async () => {
    await previousReport();
    const r = runHelper([out(), 'second', 'SIGKILL']);
    expect(r.signal).toBe('SIGKILL');
    // the old report is aside under an .old name, the new one under .tmp, --out is missing
    const left = readdirSync(path.dirname(out())).sort();
    expect(left.map((n) => n.replace(/\d+-[0-9a-f]{12}/, 'ID')).sort()).toEqual(['.demo.ID.old', '.demo.ID.tmp']);
    expect(existsSync(out())).toBe(false);
    // the next write (here one that fails, so only the repair is seen) restores the old report
    function* failing(): Generator<ReportFile> {
      throw new Error('render failed');
    }
    await expect(writeReportAtomic(target(), failing())).rejects.toThrow('render failed');
    expect(readFileSync(path.join(out(), 'index.html'), 'utf8')).toBe('old');
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
    // and a successful write says what it repaired
    const again = runHelper([out(), 'second', 'SIGKILL']);
    expect(again.signal).toBe('SIGKILL');
    const w = await writeReportAtomic(target(), [{ path: 'index.html', content: 'newer' }]);
    expect(w.notes[0]).toBe(
      `an earlier report swap was interrupted between its renames: restored the previous report to ${out()}`,
    );
    expect(w.notes.slice(1).every((n) => n.includes('left by an interrupted write'))).toBe(true);
    expect(readFileSync(path.join(out(), 'index.html'), 'utf8')).toBe('newer');
    expect(readdirSync(path.dirname(out()))).toEqual(['demo']);
  });

  test('refuses a file path that leaves the report folder, and writes nothing', async () => {
    for (const bad of ['../escape.txt', '/etc/passwd', 'charts/../../x', 'a//b', 'C:/x', 'a\\b', '']) {
      await expect(
        writeReportAtomic(target(), [
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
    await expect(writeReportAtomic(target(), [{ path: 'index.html', content: 'x' }])).rejects.toThrow(
      /not a firstwall report/,
    );
    expect(readFileSync(path.join(out(), 'thesis.tex'), 'utf8')).toBe('precious');
    const file = path.join(root, 'file.txt');
    writeFileSync(file, 'f');
    expect(() => target(file)).toThrow(/exists and is not a folder/);
    const link = path.join(root, 'link');
    symlinkSync(path.join(root, 'reports'), link);
    expect(() => target(link)).toThrow(/symbolic link/);
  });

  test('an empty existing folder may be used', async () => {
    mkdirSync(out(), { recursive: true });
    await writeReportAtomic(target(), [{ path: 'index.html', content: 'x' }]);
    expect(listing(out())).toEqual([REPORT_MARKER, 'index.html']);
  });
});

describe('signals after the commit point', () => {
  test('a signal after a write was committed does not kill the run: it notes the output was written', async () => {
    const { guardSignals } = await import('../../src/io/atomic/signals.ts');
    const g = guardSignals(() => {
      throw new Error('cleanup must not run after the commit');
    });
    g.committed('x.json');
    g.release();
    const writes: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((t: string) => writes.push(t) > 0) as typeof process.stderr.write;
    try {
      process.emit('SIGINT', 'SIGINT');
    } finally {
      process.stderr.write = write;
    }
    expect(writes).toEqual(['firstwall: interrupted after x.json was written\n']);
  });
});
