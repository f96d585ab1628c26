// The trained-weights file: bfloat16 rounding (hand-worked), round trip, byte-identical
// regeneration of a tiny training run, refusal of a file that does not match its manifest, and
// the shipped weights: their manifest's hash matches the file, and they fit the default config and
// were trained with today's defaults (the full regeneration is timed and checked by `npm run bench -- moe`).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPPED_WEIGHTS_URL } from '../../../src/calibrate/weights-source.ts';
import { DEFAULT_CONFIG } from '../../../src/moe/config.ts';
import { autoPath, tsBackend } from '../../../src/moe/kern/backend.ts';
import { splitTokens } from '../../../src/moe/train/corpus-batches.ts';
import { DEFAULT_TRAIN_OPTIONS, trainedWeights, trainRun } from '../../../src/moe/train/trainer.ts';
import {
  decodeWeights,
  encodeWeights,
  fromBf16,
  readWeights,
  sha256,
  toBf16,
  WEIGHTS_FORMAT,
} from '../../../src/moe/train/weights-file.ts';
import { initWeights, paramCount, tensorList } from '../../../src/moe/weights.ts';
import { tinyConfig } from './tiny.ts';

describe('bfloat16', () => {
  it('rounds to nearest, ties to even: 1 + 2⁻⁸ → 1, 1 + 3·2⁻⁸ → 1 + 2⁻⁶', () => {
    expect(toBf16(1)).toBe(0x3f80);
    expect(toBf16(1 + 2 ** -8)).toBe(0x3f80);
    expect(toBf16(1 + 3 * 2 ** -8)).toBe(0x3f82);
    expect(fromBf16(0x3f82)).toBe(1 + 2 ** -6);
    expect(toBf16(-2)).toBe(0xc000);
    expect(toBf16(NaN)).toBe(0x7fc0);
  });
});

const tinyRun = (steps = 5) => {
  const cfg = tinyConfig({ capacity_factor: 1.25, backup: true, jitter_eps: 0.01, bias_update_rate: 0.01 });
  const tokens = Array.from({ length: 400 }, (_, i) => (i * 37 + (i >> 3)) % 256);
  const data = { split: splitTokens(tokens), classOf: new Int32Array(256) };
  const o = { steps, seqs: 2, seq_len: 6, lr: 3e-3, warmup_steps: 1, min_lr_ratio: 0.1, eval_every: 2 };
  return trainRun(cfg, 'loss-free', { aux_alpha: 0 }, o, tsBackend('f32'), data);
};

describe('weights file', () => {
  it('round-trips every tensor to its bfloat16 value and the router bias exactly', () => {
    const run = tinyRun(3),
      w = trainedWeights(run);
    const { bytes, tensors } = encodeWeights(w);
    expect(bytes.length).toBe(2 * paramCount(w) + 4 * 4); // one MoE layer of 4 experts: 4 float32 biases
    const back = decodeWeights(bytes, { tensors, shape: run.model.config.shape }, 'test');
    tensorList(w).forEach(({ t }, k) => {
      const b = tensorList(back)[k].t;
      t.forEach((v, i) => expect(b[i]).toBe(fromBf16(toBf16(v))));
    });
    expect(Array.from(back.layers[1].router_bias!)).toEqual(
      Array.from(w.layers[1].router_bias!, (x) => Math.fround(x)),
    );
    expect(w.layers[1].router_bias!.some((b) => b !== 0)).toBe(true); // loss-free moved the bias
  });

  it('training from seed regenerates byte-identical weights', () => {
    const a = encodeWeights(trainedWeights(tinyRun())).bytes,
      b = encodeWeights(trainedWeights(tinyRun())).bytes;
    expect(sha256(a)).toBe(sha256(b));
    expect(sha256(a)).not.toBe(sha256(encodeWeights(initWeights(tinyConfig().shape, 'firstwall-micro')).bytes));
  });

  it('refuses a binary whose hash is not the manifest’s, and a wrong format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-w-'));
    const { bytes, tensors } = encodeWeights(trainedWeights(tinyRun(2)));
    const manifest = {
      format: WEIGHTS_FORMAT,
      file: 'w.bin',
      bytes: bytes.length,
      sha256: sha256(bytes),
      shape: tinyConfig().shape,
      provenance: {},
      tensors,
    };
    writeFileSync(join(dir, 'w.bin'), bytes);
    writeFileSync(join(dir, 'w.json'), JSON.stringify(manifest));
    expect(readWeights(join(dir, 'w.json')).manifest.sha256).toBe(sha256(bytes));
    bytes[10] ^= 1;
    writeFileSync(join(dir, 'w.bin'), bytes);
    expect(() => readWeights(join(dir, 'w.json'))).toThrow(/does not match the manifest's sha256/);
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ ...manifest, format: 'x' }));
    expect(() => readWeights(join(dir, 'w.json'))).toThrow(/format must be firstwall-micro-weights\/1/);
  });
});

describe('the shipped trained weights', () => {
  const path = fileURLToPath(SHIPPED_WEIGHTS_URL);
  it('match their manifest (sha256, size), fit the default config and stay well under 1 MB', () => {
    const { manifest } = readWeights(path);
    const bin = readFileSync(join(path, '..', manifest.file));
    expect(sha256(bin)).toBe(manifest.sha256);
    expect(bin.length).toBe(manifest.bytes);
    expect(bin.length).toBeLessThan(700_000);
    expect(manifest.shape).toEqual(DEFAULT_CONFIG.shape);
    const p = manifest.provenance as Record<string, unknown>;
    expect(p.seed).toBe(DEFAULT_CONFIG.seed);
    expect(p.method).toBe('loss-free');
    // made with today's defaults, so the manifest's command regenerates them (a changed default
    // means: rerun that command and commit the new weights and calibration)
    expect(p.command).toBe(
      'firstwall train --weights scenarios/calibrations/micro-moe-default.weights.bin --out reports/train-default',
    );
    expect(p.options).toEqual(DEFAULT_TRAIN_OPTIONS);
    expect(p.router).toEqual(DEFAULT_CONFIG.router);
    expect(p.placement).toEqual(DEFAULT_CONFIG.placement);
    expect(p.bpe_merges).toBe(DEFAULT_CONFIG.bpe_merges);
    expect(p.bias_rate).toBe(DEFAULT_CONFIG.router.bias_update_rate);
    expect(p.kernels).toBe(autoPath());
    expect((p.corpus as { sha256: string }).sha256).toBe(
      sha256(readFileSync(new URL('../../../src/moe/corpus/corpus.txt', import.meta.url), 'utf8')),
    );
  });
});
