// Plain-text summary of a sweep result for the terminal: first-wall probabilities with their 95%
// Wilson intervals, first-wall year quantiles, and each input's rank correlation with that year.
import type { SweepResult } from './sweep-result.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number | undefined) => (x === undefined ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(2));

export function formatSweep(r: SweepResult): string {
  const lines = [
    `${r.scenario.name}: ${r.samples} samples, seed ${r.seed} (model seed ${r.model_seed})`,
    '',
    'First wall        probability  95% CI (Wilson)',
  ];
  for (const w of r.first_wall.walls) {
    if (w.count === 0 && w.wall !== 'none') continue;
    lines.push(
      `  ${(w.wall === 'none' ? `none by ${r.end_year}` : w.wall).padEnd(16)}${pct(w.probability).padStart(11)}  ${pct(w.ci_low)} - ${pct(w.ci_high)}`,
    );
  }
  const y = r.first_wall_year;
  lines.push(
    '',
    `First-wall year (over the ${y.samples_with_wall} samples with a wall by ${r.end_year}): p5 ${num(y.p5)}, p50 ${num(y.p50)}, p95 ${num(y.p95)}`,
  );
  if (r.inputs.length) {
    lines.push('', 'Uncertain inputs (Spearman rank correlation with the first-wall year)');
    for (const d of r.inputs)
      lines.push(
        `  ${d.pointer.padEnd(44)} ${d.spearman_first_wall_year === null ? '   -' : d.spearman_first_wall_year.toFixed(2).padStart(5)}`,
      );
  }
  return lines.join('\n') + '\n';
}
