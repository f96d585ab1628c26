// Progress only on a terminal; Ctrl-C stops the workers and leaves nothing behind.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CLI_FROM_SOURCE } from '../cli/helpers.ts';
import { onInterrupt } from '../../src/montecarlo/interrupt.ts';
import { InterruptedError, runSamples } from '../../src/montecarlo/pool.ts';
import { createProgress, progressLine } from '../../src/montecarlo/progress.ts';

const tmp = mkdtempSync(join(tmpdir(), 'firstwall-int-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const spec = {
  file: 'test/fixtures/sweep/uncertain-short.yaml',
  cwd: process.cwd(),
  seed: 1,
  samples: 100000,
  modelSeed: 'per-sample' as const,
};

describe('progress', () => {
  test('the line says samples done, rate and time left', () => {
    expect(progressLine(2500, 10000, 2)).toBe('2,500/10,000 samples  1,250/s  ~6 s left');
  });
  test('nothing at all is written when not on a terminal', () => {
    let out = '';
    const p = createProgress(false, 10, (t) => {
      out += t;
    });
    p.update(5);
    p.done();
    expect(out).toBe('');
  });
  test('redraws are throttled and the line is cleared at the end', () => {
    let out = '';
    let now = 0;
    const p = createProgress(
      true,
      10,
      (t) => {
        out += t;
      },
      () => now,
    );
    p.update(1);
    now = 50;
    p.update(2); // within 200 ms: skipped
    now = 1000;
    p.update(4);
    p.done();
    expect(out.split('\r\x1b[2K')).toEqual(['', '1/10 samples  0/s  ~? left', '4/10 samples  4/s  ~2 s left', '']);
  });
});

describe('interrupting a sweep', () => {
  test('an abort terminates the workers and rejects with InterruptedError', async () => {
    const c = new AbortController();
    const run = runSamples(spec, 0, 100000, { workers: 2, signal: c.signal, onProgress: () => c.abort() });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
  });
  test('in-process (--workers 1) stops between chunks', async () => {
    const c = new AbortController();
    const run = runSamples(spec, 0, 100000, { workers: 1, signal: c.signal, onProgress: () => c.abort() });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
  });
  test('the SIGINT scope aborts on the signal and removes its handler', () => {
    const handlers: (() => void)[] = [];
    const proc = {
      on: (_: string, h: () => void) => {
        handlers.push(h);
        return proc;
      },
      off: (_: string, h: () => void) => {
        handlers.splice(handlers.indexOf(h), 1);
        return proc;
      },
    };
    const scope = onInterrupt(proc as never);
    handlers[0]();
    expect(scope.signal.aborted).toBe(true);
    scope.dispose();
    expect(handlers).toEqual([]);
  });
  test('Ctrl-C on a running `firstwall sweep` exits 130 and writes nothing', async () => {
    const out = join(tmp, 'never');
    const child = spawn(
      process.execPath,
      [...CLI_FROM_SOURCE, 'sweep', spec.file, '--samples', '100000', '--workers', '2', '--out', out],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    // the CLI needs a moment to start (tsx); a signal before its handler is installed also stops it
    await new Promise((r) => setTimeout(r, 4000));
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((r) =>
      child.on('exit', (c, s) => r([c, s])),
    );
    expect(code === 130 || signal === 'SIGINT', `code ${code} signal ${signal} ${stderr}`).toBe(true);
    if (code === 130) expect(stderr).toContain('interrupted: workers stopped, nothing written');
    expect(existsSync(out)).toBe(false);
  });
});
