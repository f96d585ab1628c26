// Chart specs compile with vega-lite without warnings, validate against the schema vega-lite ships
// (draft-07, so the default Ajv class), use the wall colours, and carry their data inline.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, test } from 'vitest';
import { WALLS, WALL_COLORS } from '../../src/walls/registry.ts';
import { aggregate } from '../../src/montecarlo/aggregate.ts';
import { sweepCharts } from '../../src/charts/sweep-charts.ts';
import { tornadoCharts } from '../../src/charts/tornado-specs.ts';
import { oneAtATime } from '../../src/montecarlo/sensitivity.ts';
import type { SweepResult } from '../../src/montecarlo/sweep-result.ts';
import { runSweep } from '../../src/montecarlo/sweep.ts';
import { loadScenario } from '../../src/scenario/load.ts';

const FILE = 'test/fixtures/sweep/uncertain-short.yaml';
let charts: Record<string, TopLevelSpec> = {};
let result: SweepResult;

beforeAll(async () => {
  const loaded = loadScenario(FILE);
  const run = await runSweep(
    loaded,
    { file: FILE, cwd: process.cwd(), seed: 3, samples: 20, modelSeed: 'per-sample' },
    [0, 20],
    { workers: 1 },
  );
  result = aggregate(run.header, run.inputs, run.summaries);
  charts = { ...sweepCharts(result), ...tornadoCharts(oneAtATime(loaded, loaded.distributions!, 2027, 'binding')) };
});

function warningsOf(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const logger = {
    level() {
      return logger;
    },
    warn: (...m: unknown[]) => {
      warnings.push(m.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
    error: (...m: unknown[]) => {
      warnings.push(m.join(' '));
      return logger;
    },
  };
  compile(spec, { logger });
  return warnings;
}

describe('sweep and sensitivity chart specs', () => {
  test('there are the fan, the first-wall bars and two tornados', () => {
    expect(Object.keys(charts).sort()).toEqual([
      'first-wall-probability',
      'headroom-fan',
      'tornado-first-wall-year',
      'tornado-headroom',
    ]);
  });
  test('each compiles without warnings and validates against vega-lite-schema.json', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(
      JSON.parse(readFileSync('node_modules/vega-lite/build/vega-lite-schema.json', 'utf8')) as object,
    );
    for (const [name, spec] of Object.entries(charts)) {
      expect(warningsOf(spec), name).toEqual([]);
      expect(validate(spec), `${name}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
    }
  });
  test('the fan and the bars colour walls with WALL_COLORS', () => {
    const text = JSON.stringify(charts['headroom-fan']) + JSON.stringify(charts['first-wall-probability']);
    for (const c of Object.values(WALL_COLORS)) expect(text).toContain(c);
  });
  test('the fan holds p5 <= p50 <= p95 for every wall and step', () => {
    const rows = (charts['headroom-fan'] as { data: { values: { p5: number; p50: number; p95: number }[] } }).data
      .values;
    expect(rows).toHaveLength(WALLS.length * result.years.length);
    for (const r of rows) expect(r.p5 <= r.p50 && r.p50 <= r.p95).toBe(true);
  });
});
