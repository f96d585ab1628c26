// Finite-difference check of the whole micro-MoE's backward pass (float64, tiny shape): loss =
// next-token cross-entropy + α·aux, with jitter, capacity with backup, bias balancing and adaptive
// K all on. Every tensor is probed. The loss is ≈ ln(256) ≈ 5.5, so the central difference carries
// ≈ 5.5·1e-16/H ≈ 6e-11 of rounding noise: gradients are compared relative to max(|g|, 1e-3),
// i.e. to 1e-9 absolute for the smallest ones.
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../../../src/moe/kern/backend.ts';
import { TrainModel } from '../../../src/moe/train/train-model.ts';
import { initWeights, mapWeights, tensorList } from '../../../src/moe/weights.ts';
import { expectGradient, probes } from './grad-helpers.ts';
import { tinyConfig } from './tiny.ts';

describe('whole-model gradient (float64 finite differences)', () => {
  it('matches on every tensor with all router mechanisms on', () => {
    const cfg = tinyConfig({
      capacity_factor: 1.25,
      backup: true,
      jitter_eps: 0.02,
      bias_update_rate: 0.01,
      adaptive_k: true,
    });
    const be = tsBackend('f64'),
      T = 6,
      seqs = 2;
    const init = mapWeights(initWeights(cfg.shape, cfg.seed), (t) => Float64Array.from(t));
    const windows = Int32Array.from({ length: seqs * (T + 1) }, (_, i) => (i * 7 + 3) % 11);
    const loss = (): number => {
      const r = new TrainModel(cfg, be, seqs, T, init, 0.01).forward(windows, seqs);
      return r.ce + r.aux;
    };
    const model = new TrainModel(cfg, be, seqs, T, init, 0.01);
    const r = model.forward(windows, seqs);
    expect(r.aux).toBeGreaterThan(0);
    model.zeroGrads();
    model.backward();
    const params = tensorList(init),
      grads = tensorList(model.grads);
    params.forEach((p, k) => {
      // the embedding's used rows are tokens 0..10
      const idx = p.name === 'embed' ? [3 * 8 + 1, 5 * 8 + 6, 10 * 8 + 2] : probes(p.t.length, 3);
      expectGradient(p.name, loss, p.t, grads[k].t, idx, 1e-3);
    });
  });
});
