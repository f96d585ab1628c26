// Generated documents never drift: each committed file equals what `npm run docs` writes now (the
// scenario and result references from the schemas, the CLI reference from the command registry,
// the shipped scenarios' verdicts and the README's worked example from real runs). A failure names
// the file and the command that rewrites it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FIX, GENERATED, ROOT } from '../../scripts/gen-docs.ts';
import { fillBlocks, upToYear } from '../../scripts/docs/readme-blocks.ts';
import { unitOf } from '../../scripts/docs/schema-walk.ts';

describe('generated docs are up to date', () => {
  test.each(GENERATED.map((g) => [g.file, g] as const))('%s', async (file, g) => {
    const committed = readFileSync(join(ROOT, file), 'utf8');
    const fresh = await g.make();
    expect(committed === fresh, `${file} is stale: run \`${FIX}\` and commit the result`).toBe(true);
  });
});

describe('the generators', () => {
  test('units come from the key names, the longest suffix first', () => {
    expect(unitOf('grid_mw')).toBe('MW');
    expect(unitOf('energy_price_usd_per_mwh')).toBe('USD/MWh');
    expect(unitOf('hbm_tb_per_s')).toBe('TB/s');
    expect(unitOf('gpu_supply_growth_per_year')).toBe('×/yr');
    expect(unitOf('gpu_supply_per_year')).toBe('/yr');
    expect(unitOf('max_kw_per_rack')).toBe('kW/rack');
    expect(unitOf('layers')).toBe('');
  });
  test('a README block is replaced whole; an unknown or missing block is an error', () => {
    const text = 'a\n<!-- generated:x -->\nold\n<!-- end generated:x -->\nb\n';
    expect(fillBlocks(text, new Map([['x', 'new']]))).toBe(
      'a\n<!-- generated:x -->\nnew\n<!-- end generated:x -->\nb\n',
    );
    expect(() => fillBlocks(text, new Map())).toThrow(/"x" that no generator writes/);
    expect(() => fillBlocks('a\n', new Map([['x', 'new']]))).toThrow(/lacks the generated block\(s\) x/);
  });
  test('tables are cut after a year, one "..." per cut', () => {
    expect(upToYear('head\n2029 a\n2030 b\n2031 c\n2032 d\n\nnext\n2031 e\n', 2030)).toBe(
      'head\n2029 a\n2030 b\n...\n\nnext\n...\n',
    );
  });
});
