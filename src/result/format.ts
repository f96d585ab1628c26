// How a result's numbers print, everywhere (terminal tables, verdicts, HTML tables, chart labels):
// one headroom format, one year format, one marker. Invariants: a value below 1 never prints as
// "1", "1.0" or more (0.996 prints 0.99), and a headroom below the plausibility floor prints as
// "<1e-3" (the exact figure is noise by then; the JSON keeps it).

/**
 * Headrooms below this print as "<1e-3" and are drawn in a marked band in charts. A wall 1,000x
 * short of the target has long stopped being a constraint anyone plans against: the target's 4-5x
 * yearly growth (Epoch AI 2024) outruns every extrapolated resource, and the digits beyond this say
 * how far two exponentials diverged, not anything about infrastructure (a judgement, not a source).
 */
export const HEADROOM_FLOOR = 1e-3;

/** The floor as tables print it. */
export const FLOOR_TEXT = '<1e-3';

/** The one marker of terminal tables: the value is below 1 (the resource falls short of the target). */
export const BELOW_ONE = '*';

/** The sentence every table and chart caption that applies the floor carries. */
export const FLOOR_NOTE =
  'Headrooms below 1e-3 print as <1e-3 (charts: the grey band at the bottom): by then the target has outgrown the resource a thousandfold and the exact ratio means nothing; result.json keeps every value.';

/** "2030" for whole years (within float noise), "2030.25" otherwise. */
export function formatYear(t: number): string {
  const r = Math.round(t * 1e6) / 1e6;
  return Number.isInteger(r) ? String(r) : String(Math.round(t * 100) / 100);
}

/** Two significant digits: plain from 0.01 to below 1000, exponent form outside ("3.0e-3", "1.2e5");
 * below the floor "<1e-3"; 0 stays "0" (nothing at all, e.g. no site in reach). */
export function formatHeadroom(h: number, floor = HEADROOM_FLOOR): string {
  if (h === 0) return '0';
  if (h > 0 && h < floor) return `<${floor.toExponential(0).replace('e+', 'e')}`;
  const abs = Math.abs(h);
  if (abs >= 0.01 && abs < 1000) {
    const s = String(Number(h.toPrecision(2)));
    return h < 1 && Number(s) >= 1 ? '0.99' : s;
  }
  return h.toExponential(1).replace('e+', 'e');
}

/** A headroom with the below-1 marker (or a space, so columns line up). */
export function markedHeadroom(h: number): string {
  return `${formatHeadroom(h)}${h < 1 ? BELOW_ONE : ' '}`;
}

/** The floor band spans [floor / FLOOR_BAND_DEPTH, floor] on a log axis; clamped values sit at its centre. */
export const FLOOR_BAND_DEPTH = 3;
const FLOOR_BAND_CENTRE = 1 / Math.sqrt(FLOOR_BAND_DEPTH);

/** The value a chart draws for a headroom: clamped into the floor band, so nothing vanishes off a log axis. */
export function floorClamp(h: number, floor = HEADROOM_FLOOR): number {
  return Math.max(h, floor * FLOOR_BAND_CENTRE);
}
