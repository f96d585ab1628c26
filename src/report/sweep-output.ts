// What `sweep --out DIR` and `merge --out DIR` write: DIR/sweep.json (with `$schema`) and the chart specs in
// DIR/charts/*.vl.json. One function for both, so the merged output is byte-identical to the
// unsharded one. Every file is written atomically (temp file + rename).
import { writeIntoFolder } from '../io/atomic/file.ts';
import type { OutPath } from '../io/atomic/out-path.ts';
import { sweepCharts } from '../charts/sweep-charts.ts';
import type { SweepResult } from '../montecarlo/sweep-result.ts';
import { SWEEP_SCHEMA_ID, withSchema } from './result-file.ts';

export function sweepJson(r: SweepResult): string {
  return JSON.stringify(withSchema(SWEEP_SCHEMA_ID, r), null, 2) + '\n';
}

/** Writes the result and its charts; returns the paths written. */
export function writeSweepOutputs(out: OutPath, r: SweepResult): string[] {
  const files: [string, string][] = [['sweep.json', sweepJson(r)]];
  for (const [name, spec] of Object.entries(sweepCharts(r)))
    files.push([`charts/${name}.vl.json`, JSON.stringify(spec, null, 2) + '\n']);
  return files.map(([name, text]) => writeIntoFolder(out, name, text));
}
