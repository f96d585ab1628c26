// What `sweep --out DIR` and `merge --out DIR` write: DIR/sweep.json (with `$schema`) and the chart specs in
// DIR/charts/*.vl.json. One function for both, so the merged output is byte-identical to the
// unsharded one. Every file is written atomically (temp file + rename).
import { join } from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { sweepCharts } from '../charts/sweep-charts.ts';
import type { SweepResult } from '../montecarlo/sweep-result.ts';
import { SWEEP_SCHEMA_ID, withSchema } from './result-file.ts';

export function sweepJson(r: SweepResult): string {
  return JSON.stringify(withSchema(SWEEP_SCHEMA_ID, r), null, 2) + '\n';
}

/** Writes the result and its charts; returns the paths written. */
export function writeSweepOutputs(dir: string, r: SweepResult): string[] {
  const files: [string, string][] = [['sweep.json', sweepJson(r)]];
  for (const [name, spec] of Object.entries(sweepCharts(r)))
    files.push([join('charts', `${name}.vl.json`), JSON.stringify(spec, null, 2) + '\n']);
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileAtomic(path, text);
    return path;
  });
}
