// "Does the cost of AI converge to the cost of energy?": the energy share of a run's cost rises
// when accelerator prices fall faster than energy prices, and falls otherwise (property test),
// using the real price trends of src/cost/prices.ts.
import { fc, test as ftest } from '@fast-check/vitest';
import { expect } from 'vitest';
import { costOf } from '../../src/cost/breakdown.ts';
import { normalizeCost } from '../../src/cost/params.ts';
import { acceleratorPriceUsd, energyPriceUsdPerMwh } from '../../src/cost/prices.ts';
import { normalize } from '../../src/params/params.ts';
import { loadScenario } from '../../src/scenario/load.ts';

const baseline = loadScenario('scenarios/baseline-2025.yaml').scenario;
const p = normalize(baseline);
const h100 = p.hardware.find((a) => a.name === 'H100')!;

function shareAt(year: number, accTrend: number, energyTrend: number, facility: number): number {
  const c = {
    ...normalizeCost(
      {
        ...baseline.cost,
        accelerator_price_change_per_year: accTrend,
        energy_price_change_per_year: energyTrend,
        facility_capex_usd_per_mw: facility,
      },
      p,
    ),
  };
  const t = p.horizon.start_year + year;
  return costOf(
    {
      gpus: 1e5,
      seconds: 1e7,
      price_usd_per_gpu: acceleratorPriceUsd(h100, c, year),
      it_w_per_gpu: 1275,
      pue: 1.3,
      energy_price_usd_per_mwh: energyPriceUsdPerMwh(p, c, 0, t),
    },
    c,
  ).energy_share;
}

const trend = fc.double({ min: 0.5, max: 1.5, noNaN: true });
const year = fc.integer({ min: 0, max: 14 });

ftest.prop([trend, trend, year])(
  'without facility capex: the share rises iff energy prices trend above accelerator prices',
  (a, e, y) => {
    fc.pre(Math.abs(a - e) > 1e-3);
    const before = shareAt(y, a, e, 0);
    const after = shareAt(y + 1, a, e, 0);
    if (e > a) expect(after).toBeGreaterThan(before);
    else expect(after).toBeLessThan(before);
  },
);

ftest.prop([fc.double({ min: 0.5, max: 0.99, noNaN: true }), fc.double({ min: 1, max: 1.5, noNaN: true }), year])(
  'with facility capex (no trend): falling accelerator prices and flat-or-rising energy prices raise the share',
  (a, e, y) => {
    expect(shareAt(y + 1, a, e, 10e6)).toBeGreaterThan(shareAt(y, a, e, 10e6));
  },
);

ftest.prop([fc.double({ min: 1.01, max: 1.5, noNaN: true }), fc.double({ min: 0.5, max: 1, noNaN: true }), year])(
  'rising accelerator prices with flat-or-falling energy prices lower the share',
  (a, e, y) => {
    expect(shareAt(y + 1, a, e, 10e6)).toBeLessThan(shareAt(y, a, e, 10e6));
  },
);
