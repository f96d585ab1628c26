import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { commands } from '../../src/cli/commands.ts';
import { CLI_FROM_SOURCE, runCli } from './helpers.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('firstwall CLI', () => {
  test('--help lists every command with its summary and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: firstwall <command>/);
    const listed = r.stdout
      .split('\n')
      .filter((l) => /^ {2}[a-z]+ {2,}\S/.test(l))
      .map((l) => l.trim().split(/\s{2,}/));
    expect(listed).toEqual(commands.map((c) => [c.name, c.summary]));
    expect(commands.map((c) => c.name)).toEqual(
      expect.arrayContaining(['validate', 'run', 'report', 'compare', 'sweep', 'merge', 'calibrate', 'start']),
    );
  });
  test("the registry's name and summary are each command's own", async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect([command.name, command.summary]).toEqual([entry.name, entry.summary]);
      expect(command.usage).toMatch(new RegExp(`^Usage: firstwall ${entry.name}\\b`));
    }
  });
  test('commands load lazily: the entry imports no command module', () => {
    const imports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/^import\s[^;]*?from '([^']+)'/gm)].map((m) => m[1]);
    expect(imports('src/cli/commands.ts')).toEqual(['./command.ts']);
    expect(imports('src/cli/main.ts').sort()).toEqual(
      ['../io/errors.ts', '../io/version.ts', './command.ts', './command.ts', './commands.ts'].sort(),
    );
  });
  test('no command prints usage and exits 2', async () => {
    expect((await runCli([])).code).toBe(2);
  });
  test('--version prints package.json version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: pkg.version + '\n', stderr: '' });
  });
  test('an unknown command exits 2 with a message', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });
  test('<command> --help prints that command usage', async () => {
    const r = await runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: firstwall validate/);
  });
  test('an unknown flag is a usage error (exit 2), not a stack trace', async () => {
    const r = await runCli(['validate', '--frob', 'x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--frob'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('firstwall validate', () => {
  test('valid scenarios exit 0', async () => {
    const r = await runCli(['validate', 'scenarios/baseline-2025.yaml', 'test/fixtures/valid/whatif.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  test('reports problems of every file, one line each, and exits 2', async () => {
    const r = await runCli([
      'validate',
      'test/fixtures/invalid/negative-grid.yaml',
      'scenarios/baseline-2025.yaml',
      'test/fixtures/invalid/wrong-type.yaml',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'test/fixtures/invalid/negative-grid.yaml:6:29: /sites/0/grid_mw must be >= 0 (got -3)',
      'test/fixtures/invalid/wrong-type.yaml:4:30: /demand/frontier_run_flop must be number (got "lots")',
    ]);
  });
  test('a missing file exits 2 with file:1:1', async () => {
    const r = await runCli(['validate', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nope.yaml:1:1: cannot read scenario: no such file\n');
  });
});

describe('the CLI as a process (the packaged bin: test/package/pack.test.ts)', () => {
  test('prints the version', () => {
    const out = execFileSync(process.execPath, [...CLI_FROM_SOURCE, '--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(pkg.version);
  });
  test('exit code 2 on bad input reaches the shell', () => {
    const r = spawnSync(process.execPath, [...CLI_FROM_SOURCE, 'validate', 'test/fixtures/invalid/syntax.yaml'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^test\/fixtures\/invalid\/syntax\.yaml:4:1: /);
  });
});

describe('run: bad output paths and flags are user errors', () => {
  test('--out through a file exits 2 with the path, not a stack trace', async () => {
    const r = await runCli(['run', 'test/fixtures/model/single-site.yaml', '--out', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('firstwall run: --out "package.json" exists and is not a folder\n');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  test('--seed outside the scenario seed range exits 2', async () => {
    const r = await runCli(['run', 'test/fixtures/model/single-site.yaml', '--seed', '99999999999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seed must be an integer in [0, 4294967295] (got "99999999999")');
  });
  test('a calibration file that does not exist is reported at the scenario line naming it', async () => {
    const r = await runCli(['run', 'test/fixtures/model/missing-calibration.yaml']);
    expect(r.code).toBe(2);
    const line =
      'test/fixtures/model/missing-calibration.yaml:3:14: /calibration "no-such-calibration.json" cannot be read: no such file\n';
    expect(r.stderr).toBe(line); // one positioned line, no extra unpositioned one
    const v = await runCli(['validate', 'test/fixtures/model/missing-calibration.yaml']);
    expect(v).toEqual({ code: 2, stdout: '', stderr: line }); // validate checks what run reads
  });
});
