// Fixed-width terminal tables (run, compare, explain): a header, a rule, rows; the first
// `leftColumns` columns and the last are left-aligned, the rest right-aligned (numbers).
// Invariant: every line is as wide as its widest cell allows, trailing spaces trimmed.

export function table(header: string[], rows: string[][], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < leftColumns || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
