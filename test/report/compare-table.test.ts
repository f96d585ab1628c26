// The terminal compare table: fixed-width columns, two significant digits, the binding wall marked.
import { expect, test } from 'vitest';
import { compareTable, defaultYears } from '../../src/report/compare-table.ts';
import { formatHeadroom } from '../../src/charts/tidy.ts';
import { baseline, buildout } from './fixtures.ts';

test('formatHeadroom gives two significant digits, exponent form outside 0.01..999', () => {
  expect(formatHeadroom(0.8799)).toBe('0.88');
  expect(formatHeadroom(12.4)).toBe('12');
  expect(formatHeadroom(400)).toBe('400');
  expect(formatHeadroom(2.04e-4)).toBe('2.0e-4');
  expect(formatHeadroom(123456)).toBe('1.2e5');
  expect(formatHeadroom(0)).toBe('0');
});

test('defaultYears: every 5 years from start, and the end', () => {
  expect(defaultYears([baseline()])).toEqual([2025, 2030, 2035, 2040]);
});

test('the table lines up, names the first wall, and marks the binding wall per year', () => {
  const table = compareTable([baseline(), buildout()], [2030]);
  const lines = table.trimEnd().split('\n');
  const body = lines.slice(0, -1);
  expect(new Set(body.map((l) => l.length)).size).toBe(1);
  expect(lines[0]).toMatch(/baseline-2025\s+buildout-2030$/);
  expect(lines[1]).toMatch(/^first wall\s+power 2026\s+compute 2028$/);
  const power = body.find((l) => l.trim().startsWith('power'));
  expect(power).toMatch(/0\.081 \*\s+0\.67\s*$/); // 1.6 x 0.55^5 = 0.0805; 4 x 0.7^5 = 0.672
  const compute = body.find((l) => l.trim().startsWith('compute'));
  expect(compute).toMatch(/0\.23\s+0\.42 \*$/); // buildout: 2.5 x 0.7^5 = 0.420 binds
});

test('a year outside a horizon prints "-"', () => {
  expect(compareTable([baseline()], [2050])).toMatch(/compute\s+-/);
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
