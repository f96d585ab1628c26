// The golden-SVG helper itself: a match passes and leaves nothing behind; a mismatch fails, writes
// <name>-changed.svg beside the golden and names the command that accepts the change.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { changedPath, expectGolden } from './helpers/golden.ts';

const dir = mkdtempSync(join(tmpdir(), 'firstwall-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('expectGolden', () => {
  const golden = join(dir, 'chart.svg');
  test('a match passes and removes a stale -changed.svg', () => {
    writeFileSync(golden, '<svg>a</svg>\n');
    writeFileSync(changedPath(golden), 'stale');
    expectGolden('<svg>a</svg>\n', golden, 'test/report/charts.test.ts');
    expect(existsSync(changedPath(golden))).toBe(false);
  });
  test('a mismatch fails, writes chart-changed.svg beside the golden, and names the update command', () => {
    writeFileSync(golden, '<svg>a</svg>\n');
    expect(() => expectGolden('<svg>b</svg>\n', golden, 'test/report/charts.test.ts')).toThrow(
      /does not match the rendering; the new rendering is in .*chart-changed\.svg\.\nCompare the two; if the change is intended, accept it with: UPDATE_GOLDEN=1 npx vitest run test\/report\/charts\.test\.ts/,
    );
    expect(changedPath(golden)).toBe(join(dir, 'chart-changed.svg'));
    expect(readFileSync(changedPath(golden), 'utf8')).toBe('<svg>b</svg>\n');
    expect(readFileSync(golden, 'utf8')).toBe('<svg>a</svg>\n');
  });
  test('a missing golden fails the same way', () => {
    const missing = join(dir, 'new.svg');
    expect(() => expectGolden('<svg/>', missing, 't.ts')).toThrow(/new\.svg is missing/);
    expect(readFileSync(join(dir, 'new-changed.svg'), 'utf8')).toBe('<svg/>');
  });
});
