// Benchmark: the full `npm start` compare report (baseline-2025 vs buildout-2030: two model runs,
// the terminal table, 4 charts rendered headless, HTML, CSV, atomic write), in seconds.
// Target: under 5 s. `--fixtures` swaps the model runs for test fixtures (render and write only);
// two or more scenario files as arguments replace the default pair.
// Prints one JSON line: {"bench":"report","seconds":...,"target_s":5,...}.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CommandIO } from '../src/cli/command.ts';
import { DEFAULT_COMPARE, makeCompareCommand } from '../src/cli/compare.ts';
import { modelRunSource, type RunSource } from '../src/report/run-source.ts';

async function fixtureSource(): Promise<RunSource> {
  const f = await import('../test/report/fixtures.ts');
  return async (file) => ({
    result: file.includes('buildout') ? f.buildout() : f.baseline(),
    keyInputs: [],
    roofline: f.ROOFLINE,
  });
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const fixtures = args.includes('--fixtures');
  const source = fixtures ? await fixtureSource() : modelRunSource;
  const scratch = mkdtempSync(path.join(tmpdir(), 'firstwall-bench-report-'));
  const io: CommandIO = { stdout: () => {}, stderr: () => {}, cwd: process.cwd(), env: {}, isTTY: false };
  try {
    const t0 = performance.now();
    const files = args.filter((a) => !a.startsWith('--'));
    const scenarios = files.length >= 2 ? files : [...DEFAULT_COMPARE];
    const missing = fixtures ? [] : scenarios.filter((f) => !existsSync(f));
    if (missing.length) return { bench: 'report', skipped: `scenario not found: ${missing.join(', ')}` };
    const code = await makeCompareCommand(source).run([...scenarios, '--out', path.join(scratch, 'compare')], io);
    const seconds = (performance.now() - t0) / 1000;
    return {
      bench: 'report',
      seconds: Math.round(seconds * 1000) / 1000,
      target_s: 5,
      ok: code === 0 && seconds < 5,
      source: fixtures ? 'fixtures' : 'model',
      scenarios: fixtures ? 'fixtures' : scenarios.join(' '),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && /bench[\\/]report\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  run(process.argv.slice(2)).then(
    (r) => process.stdout.write(JSON.stringify(r) + '\n'),
    (e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
