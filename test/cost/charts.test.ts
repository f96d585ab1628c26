// The chart factories compile with vega-lite without warnings, carry inline finite data, and a
// fixed size.
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, test } from 'vitest';
import { energyShareChart, fleetElectricityChart, scaleCompareChart } from '../../src/charts/index.ts';
import { nonFinite, run } from './helpers.ts';

function compileQuietly(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...a: unknown[]) => {
      warnings.push(a.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    error: (...a: unknown[]) => {
      warnings.push(a.join(' '));
      return logger;
    },
  };
  compile(spec, { logger: logger as never });
  return warnings;
}

describe('chart specs', () => {
  const specs: [string, () => TopLevelSpec][] = [
    ['energy share', () => energyShareChart(run('scenarios/scale-out-hgx.yaml'))],
    ['fleet electricity', () => fleetElectricityChart(run('scenarios/fleet-us-2030.yaml').fleet!)],
    [
      'scale-up vs scale-out',
      () => scaleCompareChart(run('scenarios/scale-out-hgx.yaml'), run('scenarios/scale-up-nvl72.yaml')),
    ],
  ];
  test.each(specs)('%s compiles without warnings and its data is finite', (_name, make) => {
    const spec = make();
    expect(compileQuietly(spec)).toEqual([]);
    expect(nonFinite(spec)).toEqual([]);
    expect(JSON.stringify(spec)).toMatch(/"width":\d+/);
  });
});
