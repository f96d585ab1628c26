// The end of `sweep` and `merge`: a complete set of samples -> the sweep result, checked finite at the
// output boundary, written under --out (atomically) and printed. One place, so that a merged sweep
// stays byte-identical to the unsharded one.
import type { CommandIO } from './command.ts';
import { aggregate } from '../montecarlo/aggregate.ts';
import { formatSweep } from '../montecarlo/format.ts';
import type { SweepRun } from '../montecarlo/sweep.ts';
import { sweepJson, writeSweepOutputs } from '../report/sweep-output.ts';
import { assertFinite } from '../io/finite.ts';
import type { OutPath } from '../io/atomic/out-path.ts';

/** Aggregates, writes and prints a sweep; `outArg` is --out as the user typed it (for the message). */
export function finishSweep(
  run: SweepRun,
  out: OutPath | undefined,
  outArg: string | undefined,
  json: boolean | undefined,
  what: string,
  io: CommandIO,
): void {
  const result = aggregate(run.header, run.inputs, run.summaries);
  assertFinite(result, what);
  if (out) writeSweepOutputs(out, result);
  io.stdout(
    json
      ? sweepJson(result)
      : formatSweep(result) + (out ? `\nWritten to ${outArg}/sweep.json and ${outArg}/charts/\n` : ''),
  );
}
