// Shared pieces of chart specs: the year axis, the schema URL, and the "headroom = 1" rule.
// Invariant: every chart's x axis over time uses yearX, so years print as 2030, not 2,030.
import type { TopLevelSpec } from 'vega-lite';
import { FLOOR_BAND_DEPTH, FLOOR_TEXT, HEADROOM_FLOOR } from '../result/format.ts';
import { FORMAT, NEUTRAL } from './theme.ts';

export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A Vega-Lite spec object whose fields we write ourselves (the TopLevelSpec union is too wide to build in parts). */
export type Spec = TopLevelSpec;

export function yearX(field: string, domain: [number, number]) {
  return {
    field,
    type: 'quantitative' as const,
    title: 'Year',
    scale: { domain, nice: false, zero: false },
    axis: { format: FORMAT.year, tickMinStep: 1 },
  };
}

/**
 * A dashed rule at headroom = 1: below it the wall binds. It carries one row of its own data: a
 * layer without data would draw once per row of the parent's data, or not at all when that is empty.
 */
export function ruleAtOne(channel: 'x' | 'y', ownData = true) {
  return {
    ...(ownData ? { data: { values: [{}] } } : {}),
    mark: { type: 'rule' as const, color: '#333333', strokeDash: [4, 3], strokeWidth: 1 },
    encoding: { [channel]: { datum: 1 } },
  };
}

/** Log-axis labels: plain numbers from 0.001 to 1000, powers of ten as 1e-6 / 1e+4 outside. */
export const LOG_LABEL =
  "datum.value >= 0.001 && datum.value <= 1000 ? format(datum.value, '~g') : format(datum.value, '.0e')";

/** True for tick values that are powers of ten (labels only those on long log axes). */
export const IS_DECADE = 'abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6';

/** Bottom of every headroom axis: the floor band below HEADROOM_FLOOR (src/result/format.ts). */
export const HEADROOM_AXIS_MIN = HEADROOM_FLOOR / FLOOR_BAND_DEPTH;

/** A log scale for headrooms: the floor band at the bottom, the top at the decade above the largest
 * value; ticks and grid at the decades from the floor up (no ticks inside the band). */
export function headroomScale(values: number[]) {
  const top = Math.max(10, ...values.filter((v) => Number.isFinite(v)));
  const topExp = Math.ceil(Math.log10(top) - 1e-9);
  return { type: 'log' as const, domain: [HEADROOM_AXIS_MIN, Math.pow(10, topExp)], nice: false };
}

/** A headroom axis's ticks: the floor band's centre (labelled "<1e-3"), then the decades above the floor. */
export function headroomTicks(scale: { domain: number[] }): number[] {
  const lo = Math.round(Math.log10(HEADROOM_FLOOR)) + 1;
  const hi = Math.round(Math.log10(scale.domain[1]));
  const decades = Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => Number(`1e${lo + i}`));
  return [HEADROOM_AXIS_MIN * Math.sqrt(FLOOR_BAND_DEPTH), ...decades];
}

/** Headroom axis labels: the floor band's tick reads "<1e-3". */
const HEADROOM_LABEL = `datum.value < ${HEADROOM_FLOOR} ? '${FLOOR_TEXT}' : (${LOG_LABEL})`;

/** A headroom axis over `values`: scale, decade ticks and labels (the floor band labels itself). */
export function headroomAxis(values: number[], title: string) {
  const scale = headroomScale(values);
  return { scale, title, axis: { values: headroomTicks(scale), labelExpr: HEADROOM_LABEL } };
}

/**
 * The floor band: a grey strip from the axis bottom to HEADROOM_FLOOR; headrooms below the floor are
 * drawn inside it (floorClamp) and the axis labels it "<1e-3". One row of its own (its own data, or
 * inside a facet an aggregate of the cell), so it is drawn once however many rows the chart holds.
 */
export function floorBand(channel: 'x' | 'y', ownData = true) {
  return {
    ...(ownData ? { data: { values: [{}] } } : { transform: [{ aggregate: [{ op: 'count' as const, as: 'n' }] }] }),
    mark: { type: 'rect' as const, color: NEUTRAL.muted, opacity: 0.35 },
    encoding: {
      [channel]: { datum: HEADROOM_AXIS_MIN, type: 'quantitative' as const },
      [`${channel}2`]: { datum: HEADROOM_FLOOR },
    },
  };
}
