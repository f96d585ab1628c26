// Ctrl-C (SIGINT) and SIGTERM around a write: before the commit point (the rename that makes the
// output visible) the signal removes the temp output and then ends the process as it would have;
// from the commit point on the signal no longer kills: the output is installed, the run goes on to
// exit 0, and a note says the output was written. Signals reach JavaScript only between
// synchronous steps, often after the write returned, so the note state outlives the write.
// Invariant: an interrupted run leaves the old output or the new one, never litter, and never
// exits with the interrupt code after it installed its output.

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type Sig = (typeof SIGNALS)[number];

type State = { kind: 'idle' } | { kind: 'writing'; cleanup: () => void } | { kind: 'committed'; what: string };
let state: State = { kind: 'idle' };
let installed = false;

function onSignal(sig: Sig): void {
  if (state.kind === 'writing') {
    state.cleanup();
    uninstall();
    state = { kind: 'idle' };
    process.kill(process.pid, sig); // no handler now: the default action ends the process
  } else if (state.kind === 'committed') {
    process.stderr.write(`firstwall: interrupted after ${state.what} was written\n`);
  }
}

const handlers = new Map(SIGNALS.map((sig) => [sig, () => onSignal(sig)]));

function install(): void {
  if (installed) return;
  for (const [sig, h] of handlers) process.on(sig, h);
  installed = true;
}

function uninstall(): void {
  for (const [sig, h] of handlers) process.removeListener(sig, h);
  installed = false;
}

export interface SignalGuard {
  /** The commit point is reached: from here on a signal does not kill; it notes that `what` was written. */
  committed(what: string): void;
  /** The write is over without a commit (it failed): back to the state before. */
  release(): void;
}

/** Guards a write whose temp output `cleanup` removes (see the file comment). */
export function guardSignals(cleanup: () => void): SignalGuard {
  const before = state;
  install();
  state = { kind: 'writing', cleanup };
  return {
    committed: (what) => {
      state = { kind: 'committed', what };
    },
    release: () => {
      if (state.kind !== 'writing') return;
      state = before;
      if (state.kind === 'idle') uninstall();
    },
  };
}
