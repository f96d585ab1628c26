// The report and compare commands on the shipped scenarios, through the real model (no fixtures):
// which charts and data each report gets, that the report's sweep is the one `firstwall sweep`
// computes for the same seed and sample count, and byte-identical folders for the same inputs.
// Samples are kept small (the default 500 is for users; the statistics are tested in montecarlo).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommandIO } from '../../src/cli/command.ts';
import { compareCommand } from '../../src/cli/compare.ts';
import { reportCommand } from '../../src/cli/report.ts';
import { sweepCommand } from '../../src/cli/sweep.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'firstwall-scenarios-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function io(): CommandIO & { out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    cwd: ROOT,
    env: {},
    isTTY: false,
  };
}

async function report(file: string, name: string, ...flags: string[]): Promise<string> {
  const dir = path.join(tmp, name);
  const x = io();
  expect(await reportCommand.run([file, '--out', dir, ...flags], x)).toBe(0);
  expect(x.out.stderr).toBe(''); // no chart warnings
  return dir;
}

const has = (dir: string, rel: string) => existsSync(path.join(dir, rel));
const SWEEP_CHARTS = ['headroom-fan', 'first-wall-probability', 'tornado-first-wall-year', 'tornado-headroom'];

function files(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]))
    .sort();
}

describe('report on the shipped scenarios', () => {
  test('uncertain-2025: sweep charts and data/sweep.json, equal to `firstwall sweep --workers 1`; byte-identical twice', async () => {
    const a = await report('scenarios/uncertain-2025.yaml', 'uncertain-a', '--samples', '24');
    const b = await report('scenarios/uncertain-2025.yaml', 'uncertain-b', '--samples', '24');
    for (const c of SWEEP_CHARTS) expect(has(a, `charts/${c}.svg`)).toBe(true);
    expect(has(a, 'data/sensitivity.json')).toBe(true);
    const sweepIo = io();
    expect(
      await sweepCommand.run(['scenarios/uncertain-2025.yaml', '--samples', '24', '--workers', '1', '--json'], sweepIo),
    ).toBe(0);
    expect(readFileSync(path.join(a, 'data/sweep.json'), 'utf8')).toBe(sweepIo.out.stdout);
    const html = readFileSync(path.join(a, 'index.html'), 'utf8');
    expect(html).toContain('<section id="uncertainty">');
    expect(html).toContain('95% CI (Wilson)');
    expect(files(a)).toEqual(files(b));
    for (const f of files(a)) expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f)))).toBe(true);
  });
  test('--samples 0 leaves the Monte Carlo part out', async () => {
    const dir = await report('scenarios/uncertain-2025.yaml', 'uncertain-0', '--samples', '0');
    expect(has(dir, 'data/sweep.json')).toBe(false);
    expect(has(dir, 'charts/headroom-fan.svg')).toBe(false);
  });
  test('baseline-2025: energy share, no sweep and no fleet', async () => {
    const dir = await report('scenarios/baseline-2025.yaml', 'baseline');
    expect(has(dir, 'charts/energy-share.svg')).toBe(true);
    expect(has(dir, 'data/cost.csv')).toBe(true);
    for (const c of SWEEP_CHARTS) expect(has(dir, `charts/${c}.svg`)).toBe(false);
    expect(has(dir, 'data/sweep.json')).toBe(false);
    expect(has(dir, 'charts/fleet-electricity.svg')).toBe(false);
  });
  test('fleet-us-2030: the fleet electricity chart and data/fleet.csv from 2018 to 2030', async () => {
    const dir = await report('scenarios/fleet-us-2030.yaml', 'fleet');
    expect(has(dir, 'charts/fleet-electricity.svg')).toBe(true);
    const rows = readFileSync(path.join(dir, 'data/fleet.csv'), 'utf8').trim().split('\n');
    expect(rows.map((r) => r.split(',')[0]).slice(1)).toEqual(Array.from({ length: 13 }, (_, i) => String(2018 + i)));
    expect(readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('<h2>US AI fleet electricity</h2>');
  });
});

describe('compare on the shipped scenarios', () => {
  test('scale-out-hgx-air vs scale-up-nvl72: the scale compare chart names each design with its cooling', async () => {
    const dir = path.join(tmp, 'scale');
    const x = io();
    expect(
      await compareCommand.run(['scenarios/scale-out-hgx-air.yaml', 'scenarios/scale-up-nvl72.yaml', '--out', dir], x),
    ).toBe(0);
    expect(x.out.stderr).toBe('');
    expect(has(dir, 'charts/compare-scale.svg')).toBe(true);
    expect(has(dir, 'charts/compare-energy-share.svg')).toBe(true);
    const svg = readFileSync(path.join(dir, 'charts/compare-scale.svg'), 'utf8');
    expect(svg).toContain('scale-out-hgx-air 2025 (air)');
    expect(svg).toContain('scale-up-nvl72 2025 (direct_liquid)');
  });
});
