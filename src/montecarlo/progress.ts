// Progress of a sweep on stderr, only on a terminal: samples done, rate, time left, redrawn in place
// at most every 200 ms and cleared at the end. Wall-clock time is used only for this display,
// never in results. Invariant: when `enabled` is false nothing is written at all.

export interface Progress {
  update(done: number): void;
  done(): void;
}

const REDRAW_MS = 200;

function seconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s < 90 ? `${Math.ceil(s)} s` : `${Math.ceil(s / 60)} min`;
}

export function progressLine(done: number, total: number, elapsed_s: number): string {
  const rate = elapsed_s > 0 ? done / elapsed_s : 0;
  const left = rate > 0 ? (total - done) / rate : Infinity;
  return `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} samples  ${Math.round(rate).toLocaleString('en-US')}/s  ~${seconds(left)} left`;
}

export function createProgress(
  enabled: boolean,
  total: number,
  write: (text: string) => void,
  now: () => number = () => performance.now(),
): Progress {
  if (!enabled) return { update() {}, done() {} };
  const start = now();
  let last = -Infinity;
  return {
    update(done) {
      const t = now();
      if (t - last < REDRAW_MS && done < total) return;
      last = t;
      write(`\r\x1b[2K${progressLine(done, total, (t - start) / 1000)}`);
    },
    done() {
      write('\r\x1b[2K');
    },
  };
}
