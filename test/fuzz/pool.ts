// Runs fuzz cases in a worker thread with hard per-case limits: a heap cap (resourceLimits) and a
// wall-clock budget; a case that exceeds either fails (a hang or runaway memory), the worker is
// replaced, and the run goes on. Mutants are made in the main thread, so a dead worker's case is known.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { MutantGenerator, type Mutant } from './mutants.ts';
import type { Outcome } from './helpers/run-case.ts';

export interface FuzzOptions {
  seed: number;
  cases: number;
  first?: number;
  /** Budget per case (a case that takes longer is a failure: the run hangs). */
  timeoutMs: number;
  /** Heap limit of the worker (old generation). */
  memoryMb: number;
  /** Shipped scenarios not to mutate (file names). */
  exclude?: string[];
  onCase?: (m: Mutant, o: Outcome) => void;
}

export interface FuzzSummary {
  counts: Record<string, number>;
  failures: { mutant: Mutant; outcome: Outcome }[];
}

class CaseRunner {
  private worker!: Worker;
  private ready!: Promise<void>;
  constructor(private readonly memoryMb: number) {
    this.spawn();
  }
  private spawn(): void {
    this.worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
  }
  async run(m: Mutant, timeoutMs: number): Promise<Outcome> {
    await this.ready;
    const w = this.worker;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await new Promise<Outcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: 'failed', detail: `no answer within ${timeoutMs} ms (a hang)` }),
        timeoutMs,
      );
      w.once('message', (o: Outcome) => resolve(o));
      w.once('error', (e) => resolve({ status: 'failed', detail: `the worker died: ${e.message}` }));
      w.once('exit', (code) => resolve({ status: 'failed', detail: `the worker exited (${code})` }));
      w.postMessage(m);
    });
    clearTimeout(timer);
    w.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
    if (outcome.status === 'failed' && /hang|died|exited/.test(outcome.detail)) {
      await w.terminate();
      this.spawn();
    }
    return outcome;
  }
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

export async function fuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fw-fuzz-'));
  const gen = new MutantGenerator(o.seed, dir, o.exclude);
  const runner = new CaseRunner(o.memoryMb);
  const summary: FuzzSummary = { counts: {}, failures: [] };
  try {
    for (let i = o.first ?? 0; i < (o.first ?? 0) + o.cases; i++) {
      const m = gen.mutant(i);
      const outcome = await runner.run(m, o.timeoutMs);
      const key = `${m.kind} ${outcome.status}`;
      summary.counts[key] = (summary.counts[key] ?? 0) + 1;
      if (outcome.status === 'failed') summary.failures.push({ mutant: m, outcome });
      o.onCase?.(m, outcome);
    }
  } finally {
    await runner.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return summary;
}

export function formatFailure(f: FuzzSummary['failures'][number]): string {
  return `case ${f.mutant.index} (${f.mutant.base}, ${f.mutant.kind}: ${f.mutant.description}):\n  ${f.outcome.detail.split('\n').slice(0, 8).join('\n  ')}`;
}
