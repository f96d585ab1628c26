// Reports read results: `report --from result.json`, `compare --from a.json b.json`,
// `report --sweep sweep.json` (alone or with a result), the `$schema` and version the files carry,
// and the refusals: another version line, another kind of file, not JSON, a schema violation,
// a sweep of another scenario; each exit 2 with nothing written.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compatibleVersion, RESULT_SCHEMA_ID, SWEEP_SCHEMA_ID } from '../../src/report/result-file.ts';
import { runCli } from '../cli/helpers.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const SHORT = 'test/fixtures/sweep/uncertain-short.yaml';
let dir = '';
const at = (...p: string[]) => path.join(dir, ...p);
const read = (...p: string[]) => readFileSync(at(...p), 'utf8');

async function ok(argv: string[]): Promise<string> {
  const r = await runCli(argv);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** Exit 2, the one-line message, and no output folder. */
async function refused(argv: string[], out: string): Promise<string> {
  const r = await runCli([...argv, '--out', at(out)]);
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(at(out))).toBe(false);
  return r.stderr;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'firstwall-from-'));
  // --draws 0: the lead-time certainty check is `run`'s addition; reports and compare run without it
  await ok(['run', 'scenarios/baseline-2025.yaml', '--draws', '0', '--out', at('a')]);
  writeFileSync(at('b.json'), (await runCli(['run', 'scenarios/buildout-2030.yaml', '--draws', '0', '--json'])).stdout);
  await ok(['run', SHORT, '--draws', '0', '--out', at('short')]);
  await ok(['sweep', SHORT, '--samples', '12', '--seed', '3', '--workers', '1', '--out', at('sw')]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('result and sweep files carry $schema and the version that wrote them', () => {
  test('run --json, run --out and sweep --out', () => {
    const schemaId = (f: string) => (JSON.parse(readFileSync(`schemas/${f}`, 'utf8')) as { $id: string }).$id;
    expect([RESULT_SCHEMA_ID, SWEEP_SCHEMA_ID]).toEqual([
      schemaId('result.schema.json'),
      schemaId('sweep.schema.json'),
    ]);
    for (const [file, id] of [
      ['a/result.json', RESULT_SCHEMA_ID],
      ['b.json', RESULT_SCHEMA_ID],
      ['sw/sweep.json', SWEEP_SCHEMA_ID],
    ]) {
      const json = JSON.parse(read(file)) as Record<string, unknown>;
      expect(Object.keys(json)[0]).toBe('$schema');
      expect(json.$schema).toBe(id);
      expect(json.firstwall_version).toBe(pkg.version);
    }
  });
  test('version lines: 0.x reads its own minor version, 1.x and up their own major', () => {
    expect(compatibleVersion('0.1.0', '0.1.9')).toBe(true);
    expect(compatibleVersion('0.2.0', '0.1.0')).toBe(false);
    expect(compatibleVersion('1.0.0', '0.1.0')).toBe(false);
    expect(compatibleVersion('1.4.2', '1.0.0')).toBe(true);
    expect(compatibleVersion('2.0.0', '1.9.9')).toBe(false);
    expect(compatibleVersion('dev', '0.1.0')).toBe(false);
  });
});

describe('report --from result.json', () => {
  test('renders the charts the run report renders, byte for byte, and keeps the result as it was', async () => {
    await ok(['report', 'scenarios/baseline-2025.yaml', '--samples', '0', '--out', at('ran')]);
    const stdout = await ok(['report', '--from', at('a/result.json'), '--out', at('read')]);
    expect(stdout).toMatch(/^baseline-2025: power binds first in 2026/);
    expect(read('read/result.json')).toBe(read('a/result.json'));
    for (const c of ['headroom', 'permitted', 'power', 'energy-share'])
      expect(read(`read/charts/${c}.svg`), c).toBe(read(`ran/charts/${c}.svg`));
    for (const f of readdirSync(at('read/data'))) expect(read(`read/data/${f}`), f).toBe(read(`ran/data/${f}`));
    // what needs the scenario is absent, and said so
    expect(existsSync(at('read/charts/roofline.svg'))).toBe(false);
    expect(read('read/index.html')).toContain('Roofline chart: no accelerator catalog given.');
  });
  test('--seed and --samples are refused: a report of a file runs nothing', async () => {
    const err = await refused(['report', '--from', at('a/result.json'), '--seed', '3'], 'x');
    expect(err).toContain('--seed and --samples run the model; a report --from a result file runs nothing');
  });
});

describe('compare --from a.json b.json', () => {
  test('prints and writes exactly what comparing the scenarios does', async () => {
    const files = ['scenarios/baseline-2025.yaml', 'scenarios/buildout-2030.yaml'];
    const ran = await ok(['compare', ...files, '--out', at('cmp-ran')]);
    const read_ = await ok(['compare', '--from', at('a/result.json'), at('b.json'), '--out', at('cmp-read')]);
    expect(read_.replace(at('cmp-read'), 'OUT')).toBe(ran.replace(at('cmp-ran'), 'OUT'));
    for (const f of [
      'index.html',
      'data/compare-headroom.csv',
      'charts/compare-headroom.svg',
      'results/baseline-2025.json',
    ])
      expect(read('cmp-read', f), f).toBe(read('cmp-ran', f));
  });
});

describe('report --sweep sweep.json', () => {
  test('alone: the fan and first-wall charts, the probabilities, data/sweep.json as read, no tornado', async () => {
    const stdout = await ok(['report', '--sweep', at('sw/sweep.json'), '--out', at('rs')]);
    expect(stdout).toMatch(/^uncertain-2025: Over 12 Monte Carlo samples, \w+ binds first most often/);
    expect(read('rs/data/sweep.json')).toBe(read('sw/sweep.json'));
    expect(readdirSync(at('rs/charts')).filter((f) => f.endsWith('.svg'))).toEqual([
      'first-wall-probability.svg',
      'headroom-fan.svg',
    ]);
    const html = read('rs/index.html');
    expect(html).toContain('<title>firstwall sweep report: uncertain-2025</title>');
    expect(html).toContain('95% CI (Wilson)');
    expect(html).not.toContain('Tornado');
  });
  test('with the result of the same scenario: the run report with the sweep part', async () => {
    await ok(['report', '--from', at('short/result.json'), '--sweep', at('sw/sweep.json'), '--out', at('rfs')]);
    expect(readdirSync(at('rfs/charts'))).toEqual(expect.arrayContaining(['headroom.svg', 'headroom-fan.svg']));
    expect(read('rfs/data/sweep.json')).toBe(read('sw/sweep.json'));
    expect(existsSync(at('rfs/data/sensitivity.json'))).toBe(false);
  });
  test('with a result of another scenario: refused', async () => {
    const err = await refused(['report', '--from', at('a/result.json'), '--sweep', at('sw/sweep.json')], 'y');
    expect(err).toMatch(/sweep\.json:1:1: the sweep is of scenario "uncertain-2025" .* the result of "baseline-2025"/);
  });
});

describe('refusals (exit 2, nothing written)', () => {
  const edit = (from: string, to: string, change: (j: Record<string, unknown>) => void) => {
    const j = JSON.parse(read(from)) as Record<string, unknown>;
    change(j);
    writeFileSync(at(to), JSON.stringify(j, null, 2));
    return at(to);
  };
  test('a result written by another version line, with the version, the line read and what to do', async () => {
    for (const v of ['0.1.0', '1.0.0']) {
      const file = edit('a/result.json', `v${v}.json`, (j) => (j.firstwall_version = v));
      const err = await refused(['report', '--from', file], 'z');
      expect(err).toBe(
        `${file}:3:3: this result was written by firstwall ${v}; firstwall ${pkg.version} reads results of version ` +
          `0.2.x only (the format changes between them). Make it again with this version, or report it with firstwall ${v}.\n`,
      );
      expect((await refused(['compare', '--from', file, at('b.json')], 'z')).split(':')[0]).toBe(file);
    }
    const sweep = edit('sw/sweep.json', 'sv.json', (j) => (j.firstwall_version = '0.9.1'));
    expect(await refused(['report', '--sweep', sweep], 'z')).toContain(
      'this sweep result was written by firstwall 0.9.1',
    );
  });
  test('a file without a version is not a result', async () => {
    const file = edit('a/result.json', 'nov.json', (j) => delete j.firstwall_version);
    expect(await refused(['report', '--from', file], 'z')).toBe(
      `${file}:1:1: not a firstwall result: it has no firstwall_version\n`,
    );
  });
  test('another kind of file: a sweep as a result, a result or a shard as a sweep', async () => {
    expect(await refused(['report', '--from', at('sw/sweep.json')], 'z')).toContain(
      'not a firstwall result: its $schema is "https://firstwall.dev/schemas/sweep.schema.json" (a sweep result is read with `report --sweep FILE`)',
    );
    expect(await refused(['report', '--sweep', at('a/result.json')], 'z')).toContain('not a firstwall sweep result');
    const shard = edit('sw/sweep.json', 'shard.json', (j) => {
      delete j.$schema;
      j.format = 'firstwall-sweep-shard/1';
    });
    expect(await refused(['report', '--sweep', shard], 'z')).toContain(
      'it is one shard of a sweep (combine the shards first: firstwall merge)',
    );
  });
  test('not JSON, a schema violation (at its line), a missing file', async () => {
    writeFileSync(at('bad.json'), '{\n  "a": 1,\n}\n');
    expect(await refused(['report', '--from', at('bad.json')], 'z')).toMatch(
      new RegExp(`^${at('bad.json')}:3:1: not a firstwall result: not JSON`),
    );
    const file = edit('a/result.json', 'inv.json', (j) => ((j.steps as { year: unknown }[])[1].year = 'x'));
    const err = await refused(['report', '--from', file], 'z');
    const line =
      read('inv.json')
        .split('\n')
        .findIndex((l) => l.includes('"year": "x"')) + 1;
    expect(err).toBe(`${file}:${line}:15: not a firstwall result: /steps/1/year must be number (got "x")\n`);
    expect(await refused(['report', '--from', at('none.json')], 'z')).toBe(
      `${at('none.json')}:1:1: cannot read result: no such file\n`,
    );
  });
});
