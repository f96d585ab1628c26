// The terminal page of `firstwall explain`: the inputs that differ, the first wall of each side,
// the attribution of the first-wall year and of each wall's headroom at the chosen years (one
// row per input, then all together and the interaction), and the why sentences.
// Invariant: pure; the columns of each table line up.
import { table } from '../text-table.ts';
import { WALLS } from '../../walls/registry.ts';
import { formatYear } from '../../result/format.ts';
import { showValue } from './diff.ts';
import { ACHIEVABLE, type Effect, type Measures } from './attribution.ts';
import type { Explanation } from './explain.ts';

/** A factor on a headroom: "x1.00", "x0.50", "x32.0"; exponent form beyond 1e4 either way. */
export function factor(log10: number): string {
  const f = Math.pow(10, log10);
  if (f >= 1e4 || f < 1e-4) return `x${f.toExponential(1).replace('e+', 'e')}`;
  return `x${f.toPrecision(3)}`;
}

const years = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

function side(m: Measures, draws: number): string {
  const share = `${Math.round(m.first_wall_share * 100)}% of ${draws} draw${draws > 1 ? 's' : ''}`;
  if (!m.first_wall) return `no wall within the horizon (${share})`;
  return `${m.first_wall} (${share}), mean year ${formatYear(Math.round(m.first_year * 100) / 100)}`;
}

function rows(x: Explanation, cell: (e: Effect) => string[]): string[][] {
  return [
    ...x.singles.map((s) => [s.pointer, ...(s.effect ? cell(s.effect) : cell(x.interaction).map(() => 'n/a'))]),
    ['all together', ...cell(x.total)],
    ['interaction', ...cell(x.interaction)],
  ].map((r) => [...r, '']); // an empty last column keeps the numbers right-aligned
}

export function explanationText(x: Explanation): string {
  const draws = x.seeds.length;
  const out = [
    `${x.what_if.name} (${x.what_if.file}) against ${x.base.name} (${x.base.file})`,
    '',
    'Inputs that differ (base -> what-if, after extends and defaults):',
    ...(x.diffs.length
      ? x.diffs.map(
          (d) => `  ${d.pointer}: ${showValue(d.base, d.base_default)} -> ${showValue(d.what_if, d.what_if_default)}`,
        )
      : ['  (none)']),
    '',
    `Every variant runs on the same ${draws} seed${draws > 1 ? 's' : ''} (${x.seeds[0]}${draws > 1 ? ' and common-random-number draws after it' : ''}): the base, each input alone on the base, and the what-if.`,
    `First wall: base ${side(x.measures.base, draws)}; what-if ${side(x.measures.what_if, draws)}.`,
    '',
    'Change in the first-wall year (mean over the draws; a draw with no wall counts as the year after the horizon)',
    table(
      ['input', 'years', ''],
      rows(x, (e) => [years(e.first_year)]),
    ),
  ];
  for (const y of x.years) {
    const keys = [...WALLS, ACHIEVABLE];
    out.push(
      '',
      `Headroom in ${formatYear(y)}: the factor each input multiplies it by (x1.00: no change)`,
      table(
        ['input', ...keys, ''],
        rows(x, (e) => keys.map((k) => factor(e.log_headroom[`${y}/${k}`] ?? 0))),
      ),
    );
  }
  out.push('', 'Why', ...x.why.map((w) => `  ${w}`), '');
  return out.join('\n');
}
