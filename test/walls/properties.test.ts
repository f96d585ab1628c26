// Each wall is a constraint of its own: its permit never falls when its own resource grows, and
// doubling one resource's quantity changes no other wall's permit (checked on random inputs).
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { WALL_REGISTRY } from '../../src/walls/registry.ts';
import type { WallInputs } from '../../src/walls/inputs.ts';
import { H100, wallInputs } from './fixtures.ts';

const arbInputs = fc
  .record({
    gpus: fc.double({ min: 1, max: 1e7, noNaN: true }),
    hbmGpus: fc.double({ min: 1, max: 1e7, noNaN: true }),
    mw: fc.double({ min: 1, max: 1e5, noNaN: true }),
    coolingMw: fc.double({ min: 0, max: 1e5, noNaN: true }),
    tokens: fc.double({ min: 1e12, max: 1e17, noNaN: true }),
    nic: fc.double({ min: 1e9, max: 1e12, noNaN: true }),
    target: fc.double({ min: 1e22, max: 1e34, noNaN: true }),
    share: fc.double({ min: 0.05, max: 1, noNaN: true }),
  })
  .map((r): WallInputs =>
    wallInputs({
      target_flop: r.target,
      run_share: r.share,
      supply_gpus: [{ acc: H100, count: r.gpus }],
      hbm_supply_gpus: [{ acc: H100, count: r.hbmGpus }],
      sites: [{ name: 's', available_mw: r.mw, pue: 1.2, cooling_mw: r.coolingMw, max_kw_per_rack: 30 }],
      data: { ...wallInputs().data, stock_tokens: r.tokens },
      network: { ...wallInputs().network, net: { ...wallInputs().network.net, scale_out_bytes_per_s: r.nic } },
    }),
  );

/** Each wall's resource, doubled. */
const DOUBLE: Record<string, (x: WallInputs) => WallInputs> = {
  compute: (x) => ({ ...x, supply_gpus: x.supply_gpus.map((g) => ({ ...g, count: 2 * g.count })) }),
  memory: (x) => ({ ...x, hbm_supply_gpus: x.hbm_supply_gpus.map((g) => ({ ...g, count: 2 * g.count })) }),
  power: (x) => ({ ...x, sites: x.sites.map((s) => ({ ...s, available_mw: 2 * s.available_mw })) }),
  cooling: (x) => ({ ...x, sites: x.sites.map((s) => ({ ...s, cooling_mw: 2 * s.cooling_mw })) }),
  data: (x) => ({ ...x, data: { ...x.data, stock_tokens: 2 * x.data.stock_tokens } }),
  network: (x) => ({
    ...x,
    network: {
      ...x.network,
      net: { ...x.network.net, scale_out_bytes_per_s: 2 * x.network.net.scale_out_bytes_per_s },
    },
  }),
};

describe('wall independence', () => {
  test('every shipped wall has a resource to double here', () => {
    expect(Object.keys(DOUBLE).sort()).toEqual(WALL_REGISTRY.map((w) => w.id).sort());
  });
  test.prop([arbInputs], { numRuns: 60 })('a wall’s permit never falls when its own resource doubles', (x) => {
    for (const w of WALL_REGISTRY) {
      expect(w.permit(DOUBLE[w.id](x)).permitted_flop).toBeGreaterThanOrEqual(w.permit(x).permitted_flop);
    }
  });
  test.prop([arbInputs], { numRuns: 60 })('doubling one resource changes no other wall’s permit', (x) => {
    for (const resource of WALL_REGISTRY) {
      const doubled = DOUBLE[resource.id](x);
      for (const w of WALL_REGISTRY) {
        if (w.id === resource.id) continue;
        expect(w.permit(doubled).permitted_flop).toBe(w.permit(x).permitted_flop);
      }
    }
  });
  test.prop([arbInputs], { numRuns: 60 })('permits are finite and non-negative', (x) => {
    for (const w of WALL_REGISTRY) {
      const a = w.permit(x);
      expect(Number.isFinite(a.permitted_flop) && a.permitted_flop >= 0).toBe(true);
      expect(Number.isFinite(a.headroom)).toBe(true);
    }
  });
});
