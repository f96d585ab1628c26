// Plain-text sensitivity table: each input's p10/p90, the outcomes at each end, and its Spearman
// rank correlation with the first-wall year, widest first-wall-year swing first.
import type { OatResult } from './sensitivity.ts';

type Row = OatResult['rows'][number] & { spearman_first_wall_year: number | null };

const g = (x: number) =>
  Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-2 && x !== 0) ? x.toExponential(2) : Number(x.toPrecision(4)).toString();

export function formatSensitivity(
  r: Omit<OatResult, 'rows'> & { scenario: { name: string }; samples: number; rows: Row[] },
): string {
  const rows = [...r.rows].sort(
    (a, b) =>
      Math.abs(b.at_p90.first_wall_year - b.at_p10.first_wall_year) -
      Math.abs(a.at_p90.first_wall_year - a.at_p10.first_wall_year),
  );
  const lines = [
    `${r.scenario.name}: nominal first-wall year ${r.nominal.first_wall_year}, headroom in ${r.year} (${r.wall}) ${g(r.nominal.headroom)}`,
    '',
    `${'input'.padEnd(40)} ${'p10'.padStart(9)} ${'p90'.padStart(9)}  year@p10 year@p90  head@p10  head@p90  spearman`,
  ];
  for (const x of rows) {
    const rho = x.spearman_first_wall_year === null ? '-' : x.spearman_first_wall_year.toFixed(2);
    lines.push(
      `${x.pointer.padEnd(40)} ${g(x.p10).padStart(9)} ${g(x.p90).padStart(9)}  ${String(x.at_p10.first_wall_year).padStart(8)} ${String(x.at_p90.first_wall_year).padStart(8)}  ${g(x.at_p10.headroom).padStart(8)}  ${g(x.at_p90.headroom).padStart(8)}  ${rho.padStart(8)}`,
    );
  }
  if (r.samples)
    lines.push(
      '',
      `spearman: rank correlation with the first-wall year over ${r.samples} samples (no wall ranks last)`,
    );
  return lines.join('\n') + '\n';
}
