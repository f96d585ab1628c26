// The terminal compare table: fixed-width columns, two significant digits, "*" meaning below 1 and
// nothing else, the binding constraint on its own row, "outside horizon" where a year is not run.
import { expect, test } from 'vitest';
import { compareTable, defaultYears } from '../../src/report/compare-table.ts';
import { formatHeadroom } from '../../src/charts/tidy.ts';
import { baseline, buildout, laterStart } from './fixtures.ts';

test('formatHeadroom gives two significant digits, exponent form outside 0.01..999, the floor as <1e-3', () => {
  expect(formatHeadroom(0.8799)).toBe('0.88');
  expect(formatHeadroom(12.4)).toBe('12');
  expect(formatHeadroom(400)).toBe('400');
  expect(formatHeadroom(2.04e-3)).toBe('2.0e-3');
  expect(formatHeadroom(9.99e-4)).toBe('<1e-3');
  expect(formatHeadroom(2e-9)).toBe('<1e-3');
  expect(formatHeadroom(123456)).toBe('1.2e5');
  expect(formatHeadroom(0)).toBe('0');
});

test('defaultYears: every 5 years from start, and the end', () => {
  expect(defaultYears([baseline()])).toEqual([2025, 2030, 2035, 2040]);
});

const cells = (line: string) => line.trim().split(/\s{2,}/);

test('the table lines up, names the first wall, marks below-1 values and gives the binding constraint its own row', () => {
  const table = compareTable([baseline(), buildout()], [2030]);
  const lines = table.trimEnd().split('\n');
  const body = lines.slice(
    0,
    lines.findIndex((l) => l.startsWith('* below 1')),
  );
  // the columns line up; the "limited by" note under a year's rows is free text
  const columns = body.filter((l) => !l.trim().startsWith('limited by:'));
  expect(columns.length).toBeLessThan(body.length);
  expect(new Set(columns.map((l) => l.length)).size).toBe(1);
  expect(lines[0]).toMatch(/baseline-2025\s+buildout-2030\s*$/);
  expect(cells(lines[1])).toEqual(['first wall', 'power 2026', 'compute 2028']);
  const row = (label: string) => cells(body.find((l) => l.trim().startsWith(label))!);
  expect(row('power')).toEqual(['power', '0.081*', '0.67*']); // 1.6 x 0.55^5 = 0.0805; 4 x 0.7^5 = 0.672
  expect(row('network')).toEqual(['network', '0.39*', '0.55*']); // 5 x 0.6^5 = 0.389; 6 x 0.62^5 = 0.550
  // the coupled solve: 0.9 x the least permit, bound by that wall (power 0.0805; compute 2.5 x 0.7^5 = 0.420)
  expect(row('achievable')).toEqual(['achievable', '0.072*', '0.38*']);
  expect(row('binding')).toEqual(['binding', 'power', 'compute']);
  expect(lines).toContain('    limited by: baseline-2025: grid; buildout-2030: supply');
  // a value >= 1 carries no marker: data 400 x 0.3^0 in 2025
  const y2025 = compareTable([baseline()], [2025]);
  expect(cells(y2025.split('\n').find((l) => l.trim().startsWith('data'))!)).toEqual(['data', '400']);
});

test('the marker never means "binding": a binding wall >= 1 is unmarked, and 0.996 prints 0.99*, never 1', () => {
  const r = baseline();
  r.steps[0].walls.compute.headroom = 0.996;
  r.steps[0].walls.memory.headroom = 1.5;
  r.steps[0].achievable.binding = 'memory';
  const lines = compareTable([r], [2025]).split('\n');
  expect(cells(lines.find((l) => l.trim().startsWith('compute'))!)).toEqual(['compute', '0.99*']);
  expect(cells(lines.find((l) => l.trim().startsWith('memory'))!)).toEqual(['memory', '1.5']);
});

test('a year outside a horizon says so, in its own column (different horizons line up)', () => {
  const table = compareTable([baseline(), laterStart()], [2025, 2030]);
  const lines = table.split('\n');
  const at2025 = lines.indexOf(lines.find((l) => l.startsWith('headroom in 2025'))!);
  expect(cells(lines[at2025 + 1])).toEqual(['compute', '2', 'outside horizon']);
  const at2030 = lines.indexOf(lines.find((l) => l.startsWith('headroom in 2030'))!);
  expect(cells(lines[at2030 + 1])).toEqual(['compute', '0.23*', '0.42*']);
});

test('model roofline points: a new point only where the intensity moves by 2x or more', async () => {
  const { pointsFromResult } = await import('../../src/charts/inputs.ts');
  const r = baseline();
  const ai = [100, 150, 199, 210, 420, 500];
  r.steps.forEach((s, i) => {
    s.quantities.arithmetic_intensity_flop_per_byte = ai[Math.min(i, ai.length - 1)];
  });
  expect(pointsFromResult(r, 16384).map((p) => [p.arithmetic_intensity, p.label])).toEqual([
    [100, 'model from 2025'],
    [210, 'model from 2028'],
    [420, 'model from 2029'],
  ]);
});

test('real-time inference gets its own row, beside the walls, when the runs carry it', () => {
  const r = baseline();
  const users = [
    {
      name: 'far',
      demand_share: 1,
      radius_km: 1939,
      sites_in_reach: [],
      servable_gpus: 0,
      needed_gpus: 100,
      headroom: 0,
    },
  ];
  for (const s of r.steps)
    s.inference = { latency_budget_ms: 20, servable_gpus: 0, needed_gpus: 100, headroom: 0, users };
  const lines = compareTable([r, laterStart()], [2025]).split('\n');
  expect(cells(lines.find((l) => l.trim().startsWith('inference'))!)).toEqual(['inference', '0*', 'outside horizon']);
  expect(compareTable([baseline()], [2025])).not.toMatch(/^\s+inference/m);
});
