// How sure a verdict is: a draw agrees when its first wall has the top share over the draws, ties
// included (tied walls are listed alphabetically, which is not a ranking), and the verdict says when
// the likeliest walls tie rather than naming one of them as "the most likely".
import { beforeAll, describe, expect, test } from 'vitest';
import { isMostLikely } from '../../src/model/certainty.ts';
import { loadAndRun } from '../../src/model/load-and-run.ts';
import { verdict } from '../../src/model/verdict.ts';
import type { RunResult } from '../../src/result/types.ts';

describe('isMostLikely', () => {
  test('the wall with the top count agrees, others do not', () => {
    expect(isMostLikely({ memory: 9, power: 3 }, 'memory')).toBe(true);
    expect(isMostLikely({ memory: 9, power: 3 }, 'power')).toBe(false);
  });
  test('a tie at the top: both walls agree, whichever sorts first', () => {
    expect(isMostLikely({ cooling: 6, memory: 6 }, 'memory')).toBe(true);
    expect(isMostLikely({ cooling: 6, memory: 6 }, 'cooling')).toBe(true);
    expect(isMostLikely({ cooling: 5, memory: 5, power: 2 }, 'power')).toBe(false);
  });
  test('a wall no draw had does not agree', () => {
    expect(isMostLikely({ memory: 12 }, 'none')).toBe(false);
  });
});

describe('the verdict on a tie', () => {
  let r: RunResult;
  beforeAll(() => {
    r = loadAndRun('scenarios/baseline-2025.yaml', { annotate: false });
  });
  const withCertainty = (p: Record<string, number>, agrees: boolean): string =>
    verdict({
      ...r,
      certainty: { draws: 12, first_wall_probability: p, first_year: null, agrees },
    });
  test('tied likeliest walls: the verdict names the tie, not one of them as the most likely', () => {
    const mine = r.first_wall!.wall;
    const other = mine === 'cooling' ? 'memory' : 'cooling';
    const text = withCertainty({ [other]: 0.5, [mine]: 0.5 }, true);
    expect(text).toContain(`This draw's first wall ties with ${other} as the most likely`);
    expect(text).not.toContain('agrees with the most likely first wall');
  });
  test('a single likeliest wall: agreement as before', () => {
    expect(withCertainty({ [r.first_wall!.wall]: 0.75, none: 0.25 }, true)).toContain(
      'This draw agrees with the most likely first wall.',
    );
    expect(withCertainty({ none: 0.75, [r.first_wall!.wall]: 0.25 }, false)).toContain(
      'This draw is not the most likely outcome',
    );
  });
});
