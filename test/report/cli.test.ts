// The report and compare commands, run in-process on fixture runs (a RunSource of fixtures), and
// through the CLI entry for help texts and input errors.
import { existsSync, readdirSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CommandIO } from '../../src/cli/command.ts';
import { makeCompareCommand } from '../../src/cli/compare.ts';
import { makeReportCommand } from '../../src/cli/report.ts';
import type { RunSource } from '../../src/report/run-source.ts';
import { runCli } from '../cli/helpers.ts';
import { baseline, buildout, ROOFLINE, ROUTER } from './fixtures.ts';

const fixtures: RunSource = async (file) => {
  const result = file.startsWith('b') ? buildout() : baseline();
  return { result, keyInputs: [{ label: 'Horizon', value: '2025-2040' }], roofline: ROOFLINE, router: ROUTER };
};

let cwd: string;
let out: { stdout: string; stderr: string };
let io: CommandIO;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'firstwall-cli-'));
  out = { stdout: '', stderr: '' };
  io = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    cwd,
    env: {},
    isTTY: false,
  };
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('firstwall report', () => {
  test('writes the report folder under reports/<name> by default and prints the verdict', async () => {
    expect(await makeReportCommand(fixtures).run(['a.yaml', '--png', '--date', '2026-01-15'], io)).toBe(0);
    const dir = path.join(cwd, 'reports', 'baseline-2025');
    for (const f of [
      'index.html',
      'result.json',
      'data/headroom.csv',
      'charts/headroom.vl.json',
      'charts/headroom.svg',
      'charts/headroom.png',
      'charts/router.svg',
    ]) {
      expect(existsSync(path.join(dir, f))).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('2026-01-15');
    // every file the report wrote, not the folder's report marker
    const written = readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
      (e) => e.isFile() && !e.name.startsWith('.'),
    ).length;
    expect(out.stdout).toBe(
      `baseline-2025: power binds first in 2026 (headroom 0.79)\nwrote reports/baseline-2025/index.html (${written} files)\n`,
    );
    expect(out.stderr).toBe('');
  });

  test('refuses a bad --date, extra arguments, and an --out folder that is not a report', async () => {
    const cmd = makeReportCommand(fixtures);
    await expect(cmd.run(['a.yaml', '--date', '2025-02-30'], io)).rejects.toThrow(
      '--date must be a calendar date YYYY-MM-DD (got "2025-02-30")',
    );
    await expect(cmd.run(['a.yaml', 'b.yaml'], io)).rejects.toThrow('expected exactly one scenario file');
    await expect(cmd.run(['a.yaml', '--samples=-1'], io)).rejects.toThrow(
      '--samples must be an integer in [0, 100000] (got "-1")',
    );
    mkdirSync(path.join(cwd, 'mine'));
    writeFileSync(path.join(cwd, 'mine', 'notes.txt'), 'keep');
    await expect(cmd.run(['a.yaml', '--out', 'mine'], io)).rejects.toThrow(/not a firstwall report/);
    expect(readFileSync(path.join(cwd, 'mine', 'notes.txt'), 'utf8')).toBe('keep');
  });
});

describe('firstwall compare', () => {
  test('prints the side-by-side table and writes the comparison folder', async () => {
    expect(await makeCompareCommand(fixtures).run(['a.yaml', 'b.yaml', '--years', '2030,2035'], io)).toBe(0);
    expect(out.stdout).toMatch(/^first wall\s+power 2026\s+compute 2028\s*$/m);
    expect(out.stdout).toMatch(/^headroom in 2035/m);
    expect(out.stdout).not.toMatch(/^headroom in 2040/m);
    expect(out.stdout).toContain('wrote reports/baseline-2025-vs-buildout-2030/index.html');
    const dir = path.join(cwd, 'reports', 'baseline-2025-vs-buildout-2030');
    expect(existsSync(path.join(dir, 'charts', 'compare-headroom.vl.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'results', 'buildout-2030.json'))).toBe(true);
  });

  test('the same scenario twice gets distinct file names', async () => {
    expect(await makeCompareCommand(fixtures).run(['a.yaml', 'a.yaml', '--out', 'reports/twice'], io)).toBe(0);
    expect(existsSync(path.join(cwd, 'reports', 'twice', 'results', 'baseline-2025-2.json'))).toBe(true);
  });

  test('needs two scenarios and numeric years', async () => {
    const cmd = makeCompareCommand(fixtures);
    await expect(cmd.run(['a.yaml'], io)).rejects.toThrow('expected at least two scenario files');
    await expect(cmd.run(['a.yaml', 'b.yaml', '--years', '2030,x'], io)).rejects.toThrow(
      '--years must be a comma-separated list of numbers',
    );
  });
});

describe('through the CLI entry', () => {
  test('help texts', async () => {
    const r = await runCli(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: firstwall report <scenario.yaml>/);
    const c = await runCli(['compare', '--help']);
    expect(c.stdout).toMatch(/^Usage: firstwall compare <a.yaml> <b.yaml>/);
  });
  test('a missing scenario file is a user error (exit 2), not a stack trace', async () => {
    const r = await runCli(['report', 'test/fixtures/none/missing.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('with the wall model', () => {
  test('report on scenarios/baseline-2025.yaml writes a complete folder and prints the verdict', async () => {
    const dir = path.join(cwd, 'real');
    const r = await runCli(['report', 'scenarios/baseline-2025.yaml', '--out', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^baseline-2025: \w+ binds first in \d{4}|^baseline-2025: no wall binds/);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html.match(/<figure id="chart-/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toContain('Run date');
    const result = JSON.parse(readFileSync(path.join(dir, 'result.json'), 'utf8')) as { scenario: { name: string } };
    expect(result.scenario.name).toBe('baseline-2025');
  });
});
