// Event and shock payloads are checked by the scenario schema alone (one form per kind, chosen by
// `kind`), with the same positioned messages as every other scenario error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/io/errors.ts';
import { loadScenario } from '../../src/scenario/load.ts';

const dir = mkdtempSync(join(tmpdir(), 'firstwall-events-'));
const HEAD = `name: ev
horizon: { start_year: 2025, end_year: 2030 }
demand: { frontier_run_flop: 1.0e26, growth_per_year: 4 }
hardware: [{ name: H100, first_year: 2022, bf16_tflops: 989, hbm_gb: 80, hbm_tb_per_s: 3.35, tdp_w: 700, scale_up_gb_per_s: 900, scale_out_gbit_per_s: 400 }]
sites: [{ name: a, grid_mw: 3 }]
`;

/** The problems of a scenario made of HEAD and `tail` (line 6 is the tail's first line). */
function problems(tail: string): string[] {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, HEAD + tail);
  try {
    loadScenario(file);
  } catch (e) {
    if (e instanceof InputError) return e.problems.map((p) => p.replace(`${file}:`, ''));
    throw e;
  }
  return [];
}

describe('event payloads', () => {
  test('each kind takes its own payload: a misspelt key is unknown and the right one missing', () => {
    expect(problems('events:\n  - { at: 2026, kind: onsite_generation, site: a, payload: { MW: 5 } }\n')).toEqual([
      '7:60: /events/0/payload must have required property "mw"',
      '7:62: /events/0/payload unknown key "MW"; did you mean "mw"?',
    ]);
  });
  test('a payload field of another kind is unknown', () => {
    expect(problems('events:\n  - { at: 2026, kind: price_spike, payload: { factor: 2, resource: gpu } }\n')).toEqual([
      '7:58: /events/0/payload unknown key "resource"',
    ]);
  });
  test('a retrofit names one of the cooling technologies', () => {
    expect(
      problems('events:\n  - { at: 2026, kind: cooling_retrofit, site: a, payload: { technology: water } }\n'),
    ).toEqual([
      '7:73: /events/0/payload/technology must be one of "air", "rear_door", "direct_liquid", "immersion" (got "water")',
    ]);
  });
  test('every event and shock at once, each at its own line', () => {
    const tail = [
      'events:',
      '  - { at: 2026, kind: data_release, payload: { tokens: 0 } }',
      '  - { at: 2027, kind: algorithmic_breakthrough, payload: { gain: 5000 } }',
      'shocks:',
      '  - { kind: grid_connection, rate_per_year: 1, payload: { mw: 5 } }',
      '',
    ].join('\n');
    expect(problems(tail)).toEqual([
      '7:56: /events/0/payload/tokens must be > 0 (got 0)',
      '8:66: /events/1/payload/gain must be <= 1000 (got 5000)',
      '10:13: /shocks/0/kind must be one of "supply_shock", "price_spike" (got "grid_connection")',
    ]);
  });
  test('valid events of every kind load', () => {
    const tail = [
      'events:',
      '  - { at: 2026, kind: grid_connection, site: a, payload: { mw: 5 } }',
      '  - { at: 2026, kind: onsite_generation, site: a, payload: { mw: 5 } }',
      '  - { at: 2026, kind: cooling_expansion, site: a, payload: { mw: 5 } }',
      '  - { at: 2026, kind: cooling_retrofit, site: a, payload: { technology: direct_liquid } }',
      '  - { at: 2026, kind: gpu_delivery, payload: { accelerator: H100, count: 100 } }',
      '  - { at: 2026, kind: supply_shock, payload: { resource: hbm, factor: 0.5, duration_years: 1 } }',
      '  - { at: 2026, kind: price_spike, label: heat wave, payload: { factor: 3 } }',
      '  - { at: 2026, kind: data_release, payload: { tokens: 1.0e12 } }',
      '  - { at: 2026, kind: algorithmic_breakthrough, payload: { gain: 2 } }',
      '',
    ].join('\n');
    expect(problems(tail)).toEqual([]);
  });
});
