// The trainable model is the inference model: on the same weights and tokens, TrainModel's
// next-token probabilities equal MicroMoE.forward's (float32, different matmul kernels, so equal
// to float32 rounding), with the same router streams; and Adam steps on a repeated text lower the loss.
import { describe, expect, it } from 'vitest';
import { tsBackend } from '../../../src/moe/kern/backend.ts';
import { MicroMoE } from '../../../src/moe/model.ts';
import { Adam } from '../../../src/moe/train/adam.ts';
import { TrainModel } from '../../../src/moe/train/train-model.ts';
import { initWeights, tensorList } from '../../../src/moe/weights.ts';
import { tinyConfig } from './tiny.ts';

describe('training model', () => {
  it('gives the inference forward pass probabilities (jitter, capacity and backup on)', () => {
    const cfg = tinyConfig({ capacity_factor: 1.25, backup: true, jitter_eps: 0.01 });
    const T = 7,
      toks = Array.from({ length: T + 1 }, (_, i) => (i * 37 + 5) % 256);
    const w = initWeights(cfg.shape, cfg.seed);
    const tm = new TrainModel(cfg, tsBackend('f32'), 1, T, w);
    tm.forward(Int32Array.from(toks), 1);
    const im = new MicroMoE(cfg, {}, w);
    const probs = im.forward(
      im.newCaches(1),
      toks.slice(0, T).map((token) => ({ seq: 0, token })),
      'prefill',
    );
    const V = cfg.shape.vocab;
    let worst = 0;
    for (let i = 0; i < T * V; i++) worst = Math.max(worst, Math.abs(probs[i] - tm.ws.probs[i]));
    expect(worst).toBeLessThan(1e-5);
    expect(im.routers[1]?.k).toBe(tm.routers[1]?.k);
  });

  it('Adam steps on a repeated text lower the loss by more than half', () => {
    const cfg = tinyConfig();
    const T = 6,
      seqs = 2;
    const m = new TrainModel(cfg, tsBackend('f32'), seqs, T, initWeights(cfg.shape, cfg.seed));
    const adam = new Adam(tensorList(m.params), tensorList(m.grads));
    const windows = Int32Array.from({ length: seqs * (T + 1) }, (_, i) => [10, 20, 30, 40][i % 4]);
    const first = m.forward(windows, seqs).ce;
    let last = first;
    for (let s = 0; s < 40; s++) {
      m.zeroGrads();
      last = m.forward(windows, seqs).ce;
      m.backward();
      adam.step(0.01);
    }
    expect(last).toBeLessThan(first / 2);
  });
});
