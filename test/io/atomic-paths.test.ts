// Output paths (issue 17, item 5): one resolver for every --out/--trace; parents resolved with
// realpath (a symlinked temp folder works), a symlinked final component refused; files inside an
// output folder never written through a symlink planted there; temp files are created
// exclusively under unpredictable names.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { writeFileAtomic, writeIntoFolder } from '../../src/io/atomic/file.ts';
import { resolveOutPath } from '../../src/io/atomic/out-path.ts';
import { checkRelativePath } from '../../src/io/atomic/relative-path.ts';
import { parseTempName, tempName } from '../../src/io/atomic/temp-name.ts';

let root: string;
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'firstwall-paths-')));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

test('checkRelativePath accepts plain nested names', () => {
  expect(checkRelativePath('charts/headroom.vl.json')).toBe('charts/headroom.vl.json');
  expect(checkRelativePath('results/buildout-2030.json')).toBe('results/buildout-2030.json');
});

test.each(['..', '../x', 'a/../../b', '/abs', 'a/./b', 'a b', 'x\0y', 'dir/', 'é.svg'])(
  'checkRelativePath refuses %j',
  (p) => {
    expect(() => checkRelativePath(p)).toThrow(/refusing to write/);
  },
);

test('resolveOutPath: relative to cwd, anywhere (no confinement), empty and root refused', () => {
  const cwd = path.join(root, 'a', 'b');
  mkdirSync(cwd, { recursive: true });
  expect(resolveOutPath('../../elsewhere', '--out', 'folder', cwd)).toEqual({
    shown: '../../elsewhere',
    full: path.join(root, 'elsewhere'),
  });
  expect(() => resolveOutPath('', '--out', 'folder', cwd)).toThrow('--out must name a folder (got an empty path)');
  expect(() => resolveOutPath('  ', '--out', 'folder', cwd)).toThrow('--out must name a folder');
  expect(() => resolveOutPath('/', '--out', 'folder', cwd)).toThrow('--out may not be the file-system root');
});

test('resolveOutPath resolves a symlinked parent (a system temp folder may be one) but refuses a symlinked final component', () => {
  mkdirSync(path.join(root, 'real'));
  symlinkSync(path.join(root, 'real'), path.join(root, 'tmp-link'));
  expect(resolveOutPath('tmp-link/out', '--out', 'folder', root).full).toBe(path.join(root, 'real', 'out'));
  expect(resolveOutPath('tmp-link/x/y/out', '--out', 'folder', root).full).toBe(
    path.join(root, 'real', 'x', 'y', 'out'),
  );
  expect(() => resolveOutPath('tmp-link', '--out', 'folder', root)).toThrow(
    '--out "tmp-link" is a symbolic link; give the real folder it points to',
  );
  symlinkSync(path.join(root, 'nowhere'), path.join(root, 'dangling'));
  expect(() => resolveOutPath('dangling', '--trace', 'file', root)).toThrow(/--trace "dangling" is a symbolic link/);
});

test('temp names are unpredictable and carry the pid', () => {
  const a = tempName('/x/result.json', 'tmp');
  const b = tempName('/x/result.json', 'tmp');
  expect(a).not.toBe(b);
  expect(path.basename(a)).toMatch(new RegExp(`^\\.result\\.json\\.${process.pid}-[0-9a-f]{12}\\.tmp$`));
  expect(parseTempName('/x/result.json', path.basename(a))).toEqual({ tag: 'tmp', pid: process.pid });
  expect(parseTempName('/x/result.json', `.result.json.tmp-${process.pid}`)).toBeNull();
});

test('issue 17: a symlink planted at the old predictable temp name, or at the target, is never followed', () => {
  const victim = path.join(root, 'victim.txt');
  writeFileSync(victim, 'keep');
  const out = path.join(root, 'out');
  mkdirSync(out);
  for (const name of [`.result.json.tmp-${process.pid}`, 'result.json']) symlinkSync(victim, path.join(out, name));
  writeIntoFolder(resolveOutPath('out', '--out', 'folder', root), 'result.json', '{}\n');
  expect(readFileSync(victim, 'utf8')).toBe('keep');
  expect(lstatSync(path.join(out, 'result.json')).isFile()).toBe(true); // the link itself was replaced
  expect(readFileSync(path.join(out, 'result.json'), 'utf8')).toBe('{}\n');
});

test('a symlinked folder inside the output folder is refused, not followed', () => {
  const elsewhere = path.join(root, 'elsewhere');
  mkdirSync(elsewhere);
  mkdirSync(path.join(root, 'out'));
  symlinkSync(elsewhere, path.join(root, 'out', 'charts'));
  const out = resolveOutPath('out', '--out', 'folder', root);
  expect(() => writeIntoFolder(out, 'charts/a.vl.json', '{}')).toThrow(
    /refusing to write .*charts.* is a symbolic link/,
  );
  expect(readdirSync(elsewhere)).toEqual([]);
});

test('writeFileAtomic creates missing folders and leaves no temp file', () => {
  const t = resolveOutPath('a/b/cal.json', '--out', 'file', root);
  writeFileAtomic(t, 'x');
  expect(readFileSync(path.join(root, 'a', 'b', 'cal.json'), 'utf8')).toBe('x');
  expect(readdirSync(path.join(root, 'a', 'b'))).toEqual(['cal.json']);
  expect(() => writeFileAtomic(resolveOutPath('a', '--out', 'file', root), 'x')).toThrow(
    /exists and is not a regular file/,
  );
});
