// The worker threads of a sweep, started before the sweep's context exists: a worker spends its
// first ~0.5 s (wall, one core) loading the model's modules, and the main thread meanwhile reads
// and validates the scenario (~0.4 s) and resolves its workload route, so starting the workers
// first overlaps the two on otherwise idle cores. A worker waits for its context (the first
// message) before it takes chunks. Invariant: a started worker is either adopted by one pool run
// or terminated (`stop`); an error or exit before adoption is kept and reported at adoption.
import { Worker } from 'node:worker_threads';

export class StartedWorker {
  readonly worker = new Worker(new URL('./worker.mjs', import.meta.url));
  /** What went wrong before a pool took the worker (a failed import, an exit). */
  early: Error | null = null;
  private readonly onError = (e: Error) => (this.early ??= e);
  private readonly onExit = (code: number) => (this.early ??= new Error(`sweep worker exited with code ${code}`));
  constructor() {
    this.worker.on('error', this.onError).on('exit', this.onExit);
  }
  /** Hands the worker to its pool: the pool's own listeners take over from here. */
  adopt(): Worker {
    this.worker.off('error', this.onError).off('exit', this.onExit);
    return this.worker;
  }
}

/** `count` worker threads, loading their modules now. */
export function startWorkers(count: number): StartedWorker[] {
  return Array.from({ length: Math.max(0, count) }, () => new StartedWorker());
}

/** Terminates workers no pool took (a load error, a range too small for them); idempotent. */
export async function stopWorkers(started: StartedWorker[] | undefined): Promise<void> {
  await Promise.all((started ?? []).map((s) => s.worker.terminate()));
}
