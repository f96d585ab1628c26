// Helpers for chart tests: the golden-SVG normalization and finding marks by their aria-label.

/** Rounds long decimals (float noise between platforms) to 3 places, as Observable Plot's tests do. */
export function normalizeSvg(svg: string): string {
  return svg.replace(/\d+\.\d{4,}/g, (m) => String(Math.round(Number(m) * 1000) / 1000)).replace(/></g, '>\n<') + '\n';
}

/** translate(x,y) of each mark whose aria-label contains every given fragment. */
export function markPositions(svg: string, ...fragments: string[]): { label: string; x: number; y: number }[] {
  const re = /aria-label="([^"]*)"[^>]*transform="translate\(([-\d.e]+),([-\d.e]+)\)"/g;
  return [...svg.matchAll(re)]
    .filter((m) => fragments.every((f) => m[1].includes(f)))
    .map((m) => ({ label: m[1], x: Number(m[2]), y: Number(m[3]) }));
}

/** The path data of the first mark whose aria-label contains every fragment (bars, rules, areas). */
export function markPath(svg: string, ...fragments: string[]): string | undefined {
  const re = /aria-label="([^"]*)"[^>]*?d="([^"]*)"/g;
  return [...svg.matchAll(re)].find((m) => fragments.every((f) => m[1].includes(f)))?.[2];
}
