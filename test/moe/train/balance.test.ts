// Balance measures against hand-worked values, the balancing switches, the learning-rate schedule,
// and token classes.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/rng.ts';
import { DEFAULT_CONFIG } from '../../../src/moe/config.ts';
import { loadCv, maxVio, specializationNmi, uniformMaxVio } from '../../../src/moe/train/balance-metrics.ts';
import { applyBalancing, PAPER_BIAS_RATE } from '../../../src/moe/train/balancing.ts';
import { evalChunks, splitTokens } from '../../../src/moe/train/corpus-batches.ts';
import { tokenClass } from '../../../src/moe/train/token-classes.ts';
import { lrAt, DEFAULT_TRAIN_OPTIONS } from '../../../src/moe/train/trainer.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('balance measures', () => {
  it('MaxVio = (max − mean)/mean: loads 1,1,2 → (2 − 4/3)/(4/3) = 0.5; equal loads → 0', () => {
    expect(maxVio([1, 1, 2])).toBeCloseTo(0.5, 12);
    expect(maxVio([3, 3, 3, 3])).toBe(0);
    expect(maxVio([0, 0])).toBe(0);
  });
  it('CV = population std / mean: loads 1,3 → 1/2', () => {
    expect(loadCv([1, 3])).toBeCloseTo(0.5, 12);
    expect(loadCv([2, 2, 2])).toBe(0);
  });
  it('NMI: 1 when each expert takes one class only, 0 when every expert takes the base mix', () => {
    expect(specializationNmi([[5, 0], [0, 5]])).toBeCloseTo(1, 12); // prettier-ignore
    expect(specializationNmi([[2, 6], [1, 3]])).toBeCloseTo(0, 12); // prettier-ignore
  });
  it('the sampling floor of a balanced random router shrinks as 1/√tokens', () => {
    const rng = createRng('t', 'floor');
    const small = uniformMaxVio(400, 16, 2, rng, 40),
      large = uniformMaxVio(6400, 16, 2, rng, 40);
    expect(small).toBeGreaterThan(0.2);
    expect(large / small).toBeGreaterThan(0.15);
    expect(large / small).toBeLessThan(0.4); // √(400/6400) = 0.25
  });
});

describe('balancing methods', () => {
  it('change only the aux coefficient and the bias rate', () => {
    const none = applyBalancing(DEFAULT_CONFIG, 'none', { aux_alpha: 0.01 });
    const aux = applyBalancing(DEFAULT_CONFIG, 'aux', { aux_alpha: 0.01 });
    const lf = applyBalancing(DEFAULT_CONFIG, 'loss-free', { aux_alpha: 0.01 });
    expect([none.alpha, aux.alpha, lf.alpha]).toEqual([0, 0.01, 0]);
    expect([none.config.router.bias_update_rate, aux.config.router.bias_update_rate]).toEqual([0, 0]);
    expect(lf.config.router.bias_update_rate).toBe(DEFAULT_CONFIG.router.bias_update_rate);
    expect({ ...lf.config.router, bias_update_rate: 0 }).toEqual(none.config.router);
    const noRate = { ...DEFAULT_CONFIG, router: { ...DEFAULT_CONFIG.router, bias_update_rate: 0 } };
    expect(applyBalancing(noRate, 'loss-free', { aux_alpha: 0 }).config.router.bias_update_rate).toBe(PAPER_BIAS_RATE);
    expect(applyBalancing(noRate, 'loss-free', { aux_alpha: 0, bias_rate: 0.002 }).config.router.bias_update_rate).toBe(
      0.002,
    );
  });
});

describe('schedule and data', () => {
  it('warms up linearly, peaks, and decays by cosine to 10% of the peak', () => {
    const o = { ...DEFAULT_TRAIN_OPTIONS, steps: 100, warmup_steps: 10, lr: 1 };
    expect(lrAt(0, o)).toBeCloseTo(0.1, 12);
    expect(lrAt(9, o)).toBeCloseTo(1, 12);
    expect(lrAt(55, o)).toBeCloseTo(0.1 + 0.9 * 0.5, 12); // half-way through the decay: cos(π/2) = 0
    expect(lrAt(100, o)).toBeCloseTo(0.1, 12);
  });
  it('holds out the last 10% and reads non-overlapping windows', () => {
    const { train, val } = splitTokens(Array.from({ length: 100 }, (_, i) => i));
    expect([train.length, val.length, val[0]]).toEqual([90, 10, 90]);
    const chunks = evalChunks(train, 2, 10);
    expect(chunks.length).toBe(4); // floor(89/10) = 8 windows of 11 tokens (stride 10), in chunks of 2
    expect(Array.from(chunks[0].subarray(11, 13))).toEqual([10, 11]);
  });
});

describe('token classes', () => {
  it('classify BPE pieces by their bytes', () => {
    expect(tokenClass(bytes(' the'))).toBe('word_start');
    expect(tokenClass(bytes('ing'))).toBe('word_piece');
    expect(tokenClass(bytes(' The'))).toBe('capital');
    expect(tokenClass(bytes(' 42'))).toBe('digit');
    expect(tokenClass(bytes(','))).toBe('punct');
    expect(tokenClass(bytes('\n\n'))).toBe('space');
    expect(tokenClass(Uint8Array.of(0xe2))).toBe('other');
  });
});
