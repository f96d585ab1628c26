import { ATTENTION_QUERY_TILE } from '../../src/workload/training-point.ts';
import { analyticProfile } from '../../src/workload/analytic.ts';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/io/errors.ts';
import type { Calibration, FactorPoint } from '../../src/calibrate/calibration.ts';
import {
  a2aBytesPerTokenPerLayer,
  distinctExperts,
  flopsPerToken,
  stepBytes,
  sumBreakdown,
} from '../../src/moe/formulas.ts';
import {
  calibratedProfile,
  DEFAULT_CALIBRATION_PATH,
  factorsAt,
  loadCalibration,
} from '../../src/workload/calibrated.ts';
import type { ModelShape } from '../../src/moe/shape.ts';

const defaultPath = fileURLToPath(DEFAULT_CALIBRATION_PATH);
const shipped = loadCalibration(defaultPath);

const v3like: ModelShape = {
  layers: 61,
  moe_layers: 58,
  d_model: 7168,
  heads: 128,
  kv_heads: 128,
  head_dim: 128,
  expert_ffn_hidden: 2048,
  dense_ffn_hidden: 18432,
  routed_experts: 256,
  top_k: 8,
  shared_experts: 1,
  vocab: 129280,
  context_tokens: 4096,
  bytes_per_weight: 2,
  bytes_per_activation: 2,
};
const placement = { ep_devices: 64, gpus_per_node: 8, max_nodes_per_token: 4 };

/** The shipped calibration with every factor set to what a uniform, dropless router would measure. */
function uniformCal(over: Partial<FactorPoint> = {}): Calibration {
  const cal = structuredClone(shipped) as Calibration;
  cal.router_factors.by_batch = cal.router_factors.by_batch.map((p) => ({
    ...p,
    imbalance: 1,
    load_cv: 0,
    overflow_fraction: 0,
    drop_fraction: 0,
    reroute_fraction: 0,
    remote_fraction: 1 - 1 / cal.placement.devices,
    inter_node_fraction: 1 - 1 / cal.placement.nodes,
    distinct_ratio: 1,
    mean_k: cal.config.shape.top_k,
    ...over,
  }));
  return cal;
}

describe('loadCalibration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-cal-load-'));
  it('accepts the shipped default', () => {
    expect(shipped.format).toBe('firstwall-calibration/1');
  });
  it('rejects schema violations as file: message lines', () => {
    const doc = JSON.parse(readFileSync(defaultPath, 'utf8'));
    delete doc.note;
    doc.batches[0].decode.tokens = 'many';
    doc.extra = 1;
    const p = join(dir, 'bad.json');
    const text = JSON.stringify(doc);
    writeFileSync(p, text);
    try {
      loadCalibration(p);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const problems = (e as InputError).problems;
      expect(problems).toContain(`${p}:1:1: (root) must have required property 'note'`);
      expect(problems).toContain(
        `${p}:1:${text.indexOf('"extra"') + 1}: (root) must NOT have additional properties 'extra'`,
      );
      expect(problems).toContain(`${p}:1:${text.indexOf('"many"') + 1}: /batches/0/decode/tokens must be integer`);
    }
  });
  it('rejects unreadable JSON and missing files', () => {
    const p = join(dir, 'broken.json');
    writeFileSync(p, '{');
    expect(() => loadCalibration(p)).toThrow(InputError);
    expect(() => loadCalibration(p)).toThrow(`${p}:1:2: `);
    expect(() => loadCalibration(join(dir, 'nope.json'))).toThrow(
      `nope.json:1:1: cannot read calibration: no such file`,
    );
  });
});

describe('calibratedProfile', () => {
  it('with uniform router factors equals the analytic formulas for the frontier shape', () => {
    const p = calibratedProfile(uniformCal(), v3like).at(128, placement);
    const T = (4096 + 1) / 2;
    expect(p.forward_flop_per_token).toBeCloseTo(sumBreakdown(flopsPerToken(v3like, T)), 0);
    expect(p.train_flop_per_token).toBeCloseTo(3 * p.forward_flop_per_token, 0);
    expect(p.distinct_experts).toBeCloseTo(distinctExperts(256, 8, 128), 9);
    // training reads K/V once per 128-row query tile (FlashAttention), not once per query
    expect(p.hbm_bytes_per_token).toBeCloseTo(stepBytes(v3like, 128, (128 * T) / ATTENTION_QUERY_TILE).total / 128, 0);
    expect(p).toEqual(analyticProfile(v3like).at(128, placement));
    const a2a = a2aBytesPerTokenPerLayer(v3like, 8, 64, 8);
    expect(p.a2a_bytes_per_token_inter_node).toBeCloseTo(58 * a2a.inter, 3);
    expect(p.a2a_bytes_per_token_intra_node).toBeCloseTo(58 * a2a.intra, 3);
  });

  it('carries drops, distinct-expert ratio and remote fractions over as documented', () => {
    const base = calibratedProfile(uniformCal(), v3like).at(64, placement);
    const cal = uniformCal({ drop_fraction: 0.25, distinct_ratio: 0.5, inter_node_fraction: 0.25 });
    const p = calibratedProfile(cal, v3like).at(64, placement);
    const T = (4096 + 1) / 2,
      served = 8 * 0.75;
    expect(p.forward_flop_per_token).toBeCloseTo(sumBreakdown(flopsPerToken(v3like, T, undefined, served)), 0);
    expect(p.distinct_experts).toBeCloseTo(0.5 * distinctExperts(256, 8, 64), 9);
    expect(p.hbm_bytes_per_token).toBeLessThan(base.hbm_bytes_per_token);
    // inter-node measured at half its uniform value (0.25 vs 0.5 on 2 nodes) and a quarter of copies dropped
    expect(p.a2a_bytes_per_token_inter_node).toBeCloseTo(base.a2a_bytes_per_token_inter_node * 0.5 * 0.75, 3);
  });

  it('interpolates factors in log(batch) and clamps outside the measured range', () => {
    const pts = shipped.router_factors.by_batch;
    expect(factorsAt(shipped, 1).imbalance).toBe(pts[0].imbalance);
    expect(factorsAt(shipped, 1e6).imbalance).toBe(pts.at(-1)!.imbalance);
    const mid = factorsAt(shipped, Math.sqrt(pts[1].batch_tokens * pts[2].batch_tokens));
    expect(mid.load_cv).toBeCloseTo((pts[1].load_cv + pts[2].load_cv) / 2, 9);
  });

  it('exposes the router factors of the largest measured batch and the parameter counts', () => {
    const prof = calibratedProfile(shipped, v3like, 'x.json');
    expect(prof.source).toBe('calibration');
    expect(prof.calibration_file).toBe('x.json');
    expect(prof.router.imbalance).toBe(shipped.router_factors.by_batch.at(-1)!.imbalance);
    expect(prof.active_params).toBeLessThan(prof.total_params);
  });

  test.prop([fc.integer({ min: 1, max: 1 << 20 })])('every point is finite and >= 0', (b) => {
    const pt = calibratedProfile(shipped, v3like).at(b, placement);
    for (const v of Object.values(pt)) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('scenarioCalibration', () => {
  it('falls back to the shipped default', async () => {
    const { scenarioCalibration } = await import('../../src/workload/calibrated.ts');
    const got = scenarioCalibration();
    expect(got.file).toBe(defaultPath);
    expect(got.calibration).toEqual(shipped);
  });
});
