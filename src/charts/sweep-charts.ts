// The chart specs of a sweep result, by file name (without `.vl.json`).
import type { TopLevelSpec } from 'vega-lite';
import type { SweepResult } from '../montecarlo/sweep-result.ts';
import { fanChart } from './fan.ts';
import { firstWallChart } from './first-wall.ts';

export function sweepCharts(r: SweepResult): Record<string, TopLevelSpec> {
  return { 'headroom-fan': fanChart(r), 'first-wall-probability': firstWallChart(r) };
}
