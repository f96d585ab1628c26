// Shared pieces of chart specs: the year axis, the schema URL, and the "headroom = 1" rule.
// Invariant: every chart's x axis over time uses yearX, so years print as 2030, not 2,030.
import type { TopLevelSpec } from 'vega-lite';
import { FORMAT } from './theme.ts';

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
