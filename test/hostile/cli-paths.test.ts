// Issue 17 items 5 and 6 ("Why"), through the CLI: output paths and strict flags.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../cli/helpers.ts';

const SCENARIO = 'test/fixtures/model/single-site.yaml';
const UNCERTAIN = 'test/fixtures/sweep/uncertain-short.yaml';
const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'fw-paths-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How to run a command as a user without root's override of file permissions, or why not. */
function unprivileged(): { prefix: string[] } | { skip: string } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
  if (probe.status === 0) return { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] };
  return { skip: `running as root and setpriv cannot drop to uid 65534 (${probe.error?.message ?? probe.stderr})` };
}

describe('output paths', () => {
  test('run --out does not follow symlinks planted at the temp or target name (it overwrote their target before)', async () => {
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const out = path.join(dir, 'planted');
    mkdirSync(out);
    for (const name of [`.result.json.tmp-${process.pid}`, 'result.json']) symlinkSync(victim, path.join(out, name));
    const r = await runCli(['run', SCENARIO, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(path.join(out, 'result.json')).isFile()).toBe(true);
  });
  test('run --out into a symlinked folder is refused (exit 2); its parents may be symlinks', async () => {
    mkdirSync(path.join(dir, 'real'));
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'link'));
    const r = await runCli(['run', SCENARIO, '--out', path.join(dir, 'link')]);
    expect(r).toMatchObject({ code: 2 });
    expect(r.stderr).toBe(
      `firstwall run: --out "${path.join(dir, 'link')}" is a symbolic link; give the real folder it points to\n`,
    );
    const ok = await runCli(['run', SCENARIO, '--out', path.join(dir, 'link', 'sub')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'real', 'sub', 'result.json'))).toBe(true);
  });
  test('--out is not confined to the working folder (../.. works, as the README says)', async () => {
    const r = await runCli(['run', SCENARIO, '--out', path.relative(process.cwd(), path.join(dir, 'far'))]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'far', 'result.json'))).toBe(true);
  });
  test("run --out '' is refused (it silently wrote nothing before); so is report --out ''", async () => {
    for (const cmd of ['run', 'report']) {
      const r = await runCli([cmd, SCENARIO, '--out', '']);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(`firstwall ${cmd}: --out must name a folder (got an empty path)`);
    }
  });
  test('every command that writes refuses a symlinked --out/--trace the same way', async () => {
    const link = path.join(dir, 'link');
    const cases: string[][] = [
      ['run', SCENARIO, '--out', link],
      ['report', SCENARIO, '--out', link],
      ['compare', SCENARIO, SCENARIO, '--out', link],
      ['sweep', UNCERTAIN, '--samples', '2', '--workers', '1', '--out', link],
      ['sensitivity', UNCERTAIN, '--samples', '0', '--out', link],
      ['merge', 'x.json', '--out', link],
      ['calibrate', '--out', link],
      ['netsim', SCENARIO, '--trace', link],
    ];
    for (const argv of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^firstwall \w+: --(out|trace) ".*link" is a symbolic link/);
    }
  });
  test('report into an unwritable folder exits 2 with the path (exit 1 and a stack trace before)', (ctx) => {
    const how = unprivileged();
    if ('skip' in how) return ctx.skip(how.skip);
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(dir, 0o755);
    chmodSync(locked, 0o555);
    const [cmd, ...pre] = [...how.prefix, process.execPath];
    const r = spawnSync(cmd, [...pre, 'bin/firstwall.mjs', 'report', SCENARIO, '--out', path.join(locked, 'rep')], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^firstwall report: cannot write ${locked}/rep: permission denied \\(EACCES\\)\\n$`),
    );
    expect(readdirSync(locked)).toEqual([]);
  });
});

describe('strict flags', () => {
  test('--seed -1 gets the range message (it said "argument is ambiguous")', async () => {
    const r = await runCli(['run', SCENARIO, '--seed', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('firstwall run: --seed must be an integer in [0, 4294967295] (got "-1")');
    const s = await runCli(['sweep', UNCERTAIN, '--samples', '-5']);
    expect(s.stderr.split('\n')[0]).toBe('firstwall sweep: --samples must be an integer in [1, 100000] (got "-5")');
  });
  test('sensitivity --year outside the horizon is refused (1800 was accepted)', async () => {
    const r = await runCli(['sensitivity', UNCERTAIN, '--year', '1800', '--samples', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(
      /^firstwall sensitivity: --year must be an integer in \[\d{4}, \d{4}\] \(got "1800"\)$/,
    );
  });
});
