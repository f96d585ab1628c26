// Random shocks: Poisson arrivals from one named stream per shock, applied like scripted events.
import { describe, expect, test } from 'vitest';
import { RandomStreams } from '../../src/engine/rng.ts';
import { shockEvents } from '../../src/model/shocks.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { runScenario } from '../../src/model/run.ts';

const loaded = loadScenario('test/fixtures/model/shocks.yaml');
const [hbm, price] = loaded.scenario.shocks!;

describe('random shocks', () => {
  test('the mean number of arrivals is rate x years (2,000 seeds, within 3%)', () => {
    let n = 0;
    for (let seed = 0; seed < 2000; seed++) n += shockEvents(price, 1, new RandomStreams(seed), 2025, 2032).length;
    // rate 1/yr over 7 years: 7 expected per run
    expect(Math.abs(n / 2000 / 7 - 1)).toBeLessThan(0.03);
  });
  test('each shock has its own stream: adding one never moves another', () => {
    const alone = shockEvents(hbm, 0, new RandomStreams(5), 2025, 2032);
    const streams = new RandomStreams(5);
    shockEvents(price, 1, streams, 2025, 2032);
    expect(shockEvents(hbm, 0, streams, 2025, 2032)).toEqual(alone);
  });
  test('shocks land in the run as events, the same for the same seed, others for another seed', () => {
    const a = runScenario(loaded, { seed: 3 });
    const b = runScenario(loaded, { seed: 3 });
    const c = runScenario(loaded, { seed: 4 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.events.length).toBeGreaterThan(0);
    expect(a.events.map((e) => e.at)).not.toEqual(c.events.map((e) => e.at));
    expect(
      a.events.filter((e) => e.kind === 'supply_shock').every((e) => e.effect === 'hbm supply x0.5 for 0.5 years'),
    ).toBe(true);
  });
  test('a random price spike doubles the energy price the cost model uses while it lasts', () => {
    const r = runScenario(loaded, { seed: 3 });
    const spike = r.events.find((e) => e.kind === 'price_spike')!;
    const quiet = runScenario({ ...loaded, scenario: { ...loaded.scenario, shocks: [] } }, { seed: 3 });
    // price spikes change no wall
    r.steps.forEach((s, i) => expect(s.walls.power.headroom).toBeCloseTo(quiet.steps[i].walls.power.headroom, 12));
    expect(spike.effect).toBe('energy price x2 for 0.25 years');
  });
});
