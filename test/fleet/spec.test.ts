// The fleet section: the shipped scenarios carry the sourced defaults (so their comments and the
// code's stay one set of numbers), the issue-8 format still works, and bad world inputs are user
// errors naming the problem.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/io/errors.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { normalizeFleet, normalizeFleetSpec } from '../../src/fleet/params.ts';
import { REGION_DEFAULTS, shareAt } from '../../src/fleet/regions.ts';
import { fleetYear } from '../../src/fleet/electricity.ts';

const horizonOf = (file: string) => loadScenario(file).scenario;

describe('shipped fleet scenarios equal the sourced defaults', () => {
  test('fleet-world-2035.yaml: its four regions and shipments are the defaults of US, China, Europe, RoW', () => {
    const s = horizonOf('scenarios/fleet-world-2035.yaml');
    const fromYaml = normalizeFleetSpec(s.fleet!, s.horizon);
    const fromDefaults = normalizeFleetSpec(
      {
        region: 'World',
        from_year: 2018,
        to_year: 2035,
        regions: [{ name: 'US' }, { name: 'China' }, { name: 'Europe' }, { name: 'RoW' }],
      },
      s.horizon,
    );
    expect(fromYaml).toEqual(fromDefaults);
  });
  test('fleet-us-2030.yaml: the US defaults, one region', () => {
    const s = horizonOf('scenarios/fleet-us-2030.yaml');
    expect(normalizeFleetSpec(s.fleet!, s.horizon)).toEqual(
      normalizeFleetSpec({ region: 'US', from_year: 2018, to_year: 2030 }, s.horizon),
    );
  });
  test('the default shares of the four regions sum to 1 in every year', () => {
    for (let y = 2014; y <= 2035; y++) {
      const sum = Object.values(REGION_DEFAULTS).reduce((a, r) => a + shareAt(r.accelerator_share, y), 0);
      expect(sum).toBeCloseTo(1, 12);
    }
  });
});

describe('the issue-8 single-region format', () => {
  const h = { start_year: 2018, end_year: 2030 };
  test('region_share applies to every shipment year; a pue without pue_year applies at the non-AI anchor', () => {
    const f = normalizeFleet({ region_share: 0.5, pue: 1.2, pue_change_per_year: 0.99 }, h);
    expect(f.accelerator_share).toEqual([{ year: 2000, share: 0.5 }]);
    expect(f.pue_year).toBe(2018);
    expect(fleetYear(f, 2020).pue).toBeCloseTo(1.2 * 0.99 ** 2, 12);
  });
  test('listed shipments without a line are one line, projected after the last listed year', () => {
    const f = normalizeFleet({ shipments: [{ year: 2020, units: 1000, board_w: 400 }], region_share: 1 }, h);
    expect(fleetYear(f, 2021).deliveries).toBeCloseTo(1000 * 1.1, 9);
  });
  test("a region named China takes China's defaults", () => {
    expect(normalizeFleet({ region: 'China' }, h).non_ai.anchor_total_dc_twh).toBe(77);
  });
});

describe('bad world inputs are user errors', () => {
  const h = { start_year: 2025, end_year: 2030 };
  const problems = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).problems;
    }
    throw new Error('no error');
  };
  test('shares summing above 1', () => {
    const p = problems(() =>
      normalizeFleetSpec(
        { regions: [{ name: 'US' }, { name: 'China', accelerator_share: [{ year: 2025, share: 0.5 }] }] },
        h,
      ),
    );
    expect(p).toEqual([
      "fleet.regions: the regions' accelerator shares sum to 1.100 in 2021 (at most 1)",
      "fleet.regions: the regions' accelerator shares sum to 1.250 in 2025 (at most 1)",
    ]);
  });
  test('a region listed twice', () => {
    expect(problems(() => normalizeFleetSpec({ regions: [{ name: 'RoW' }, { name: 'RoW' }] }, h))).toEqual([
      'fleet.regions: region "RoW" is listed twice',
    ]);
  });
  test('an unknown region without its share, non-AI load and electricity', () => {
    expect(problems(() => normalizeFleetSpec({ regions: [{ name: 'India' }] }, h))).toEqual([
      'fleet region "India": give accelerator_share or region_share (no defaults for it)',
      'fleet region "India": give non_ai (no defaults for it)',
      'fleet region "India": give region_demand (no defaults for it)',
    ]);
  });
  test('the schema rejects an unknown key in a region with file:line:col', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
    const file = join(dir, 's.yaml');
    writeFileSync(
      file,
      `extends: ${join(process.cwd(), 'scenarios/baseline-2025.yaml')}\nfleet:\n  regions:\n    - name: US\n      pue_typo: 1.2\n`,
    );
    const p = problems(() => loadScenario(file));
    expect(p[0]).toMatch(/s\.yaml:5:7: .*unknown key "pue_typo"/);
  });
});
