// Path checks: every written path resolves inside the report folder, also through symlinks.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { checkRelativePath, resolveInside } from '../../src/io/out-folder.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'firstwall-folder-'));
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

test('resolveInside refuses a symlink inside the folder that points outside it', () => {
  const report = path.join(root, 'report');
  mkdirSync(report);
  mkdirSync(path.join(root, 'elsewhere'));
  symlinkSync(path.join(root, 'elsewhere'), path.join(report, 'charts'));
  expect(() => resolveInside(report, 'charts/a.svg')).toThrow(/symlink leads outside/);
  expect(resolveInside(report, 'data/a.csv')).toBe(path.join(report, 'data', 'a.csv'));
});
