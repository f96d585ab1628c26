// The one-sentence answer: "First wall: power in 2028 (headroom 0.83). Then: cooling 2029, data 2031."
import type { RunResult } from '../result/types.ts';

export function formatYear(t: number): string {
  return Number.isInteger(Math.round(t * 1e6) / 1e6) ? String(Math.round(t)) : t.toFixed(2).replace(/0$/, '');
}

export function formatHeadroom(h: number): string {
  return h >= 100 || h < 0.01 ? h.toExponential(1) : h.toPrecision(2);
}

export function verdict(r: RunResult): string {
  if (!r.first_wall) {
    const n = r.nearest;
    return `No wall binds by ${formatYear(r.horizon.end_year)}. Nearest: ${n.wall} in ${formatYear(n.year)} (headroom ${formatHeadroom(n.headroom)}).`;
  }
  const f = r.first_wall;
  const rest = r.crossings.filter((c) => c.wall !== f.wall).map((c) => `${c.wall} ${formatYear(c.year)}`);
  return (
    `First wall: ${f.wall} in ${formatYear(f.year)} (headroom ${formatHeadroom(f.headroom)}).` +
    (rest.length ? ` Then: ${rest.join(', ')}.` : '')
  );
}
