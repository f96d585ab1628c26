// Ctrl-C during a sweep: the first SIGINT aborts the run (workers are terminated by the pool and
// nothing is written, since outputs are written only after every sample is in). The handler is
// installed only while a sweep runs and removed after, so other commands keep Node's default.

export interface InterruptScope {
  signal: AbortSignal;
  dispose(): void;
}

export function onInterrupt(proc: Pick<NodeJS.Process, 'on' | 'off'> = process): InterruptScope {
  const controller = new AbortController();
  const handler = () => controller.abort();
  proc.on('SIGINT', handler);
  return { signal: controller.signal, dispose: () => proc.off('SIGINT', handler) };
}

/** Conventional exit code of a process stopped by SIGINT (128 + signal 2), as shells report it. */
export const EXIT_INTERRUPTED = 130;
