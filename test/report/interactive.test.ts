// The interactive variant of a chart spec: a legend-bound point selection on every unit coloured by
// a series field (one per layer group, shared by its sibling layers), opacity dimming what is not
// selected, the input untouched; units with no such colour or with their own opacity are left alone.
import { expect, test } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { interactiveSpec, LIVE_CONFIG, libraryScripts } from '../../src/report/interactive.ts';

const line = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { values: [{ year: 2025, wall: 'power', headroom: 2 }] },
  layer: [
    { mark: 'line', encoding: { x: { field: 'year' }, y: { field: 'headroom' }, color: { field: 'wall' } } },
    { mark: 'point', encoding: { x: { field: 'year' }, y: { field: 'headroom' }, color: { field: 'wall' } } },
    { mark: 'rule', encoding: { y: { datum: 1 } } },
  ],
} as unknown as TopLevelSpec;

test('layers coloured by wall share one legend selection and dim the unselected walls', () => {
  const before = JSON.stringify(line);
  const live = interactiveSpec(line) as unknown as { layer: Record<string, unknown>[] };
  expect(JSON.stringify(line)).toBe(before); // the static spec is not changed
  expect(live.layer[0]!.params).toEqual([
    { name: 'legend_0', select: { type: 'point', fields: ['wall'] }, bind: 'legend' },
  ]);
  expect(live.layer[1]!.params).toBeUndefined(); // the sibling uses the first layer's selection
  const dim = { condition: { param: 'legend_0', value: 1 }, value: 0.12 };
  expect((live.layer[0]!.encoding as Record<string, unknown>).opacity).toEqual(dim);
  expect((live.layer[1]!.encoding as Record<string, unknown>).opacity).toEqual(dim);
  expect(live.layer[2]).toEqual({ mark: 'rule', encoding: { y: { datum: 1 } } }); // no colour: no toggle
});

test('a unit with its own opacity, a hidden legend or a non-series colour is left as it was', () => {
  const own = {
    mark: 'bar',
    encoding: { color: { field: 'wall' }, opacity: { value: 0.5 } },
    data: { values: [] },
  } as unknown as TopLevelSpec;
  const hidden = { mark: 'bar', encoding: { color: { field: 'wall', legend: null } }, data: { values: [] } };
  const numeric = { mark: 'bar', encoding: { color: { field: 'headroom' } }, data: { values: [] } };
  for (const s of [own, hidden, numeric] as unknown as TopLevelSpec[]) expect(interactiveSpec(s)).toEqual(s);
});

test('every mark carries a tooltip; the libraries are inlined with no way to close their script early', () => {
  expect(LIVE_CONFIG.mark).toEqual({ tooltip: { content: 'data' } });
  const scripts = libraryScripts();
  expect(scripts.match(/<script>/g)).toHaveLength(3);
  expect(scripts.match(/<\/script>/gi)).toHaveLength(3);
  expect(scripts).toContain('vegaEmbed');
});
