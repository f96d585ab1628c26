import { describe, expect, test } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { H100_SXM } from '../../../src/workload/step/cluster.ts';
import { opTimeUs, roofline, tileEfficiency, type Op } from '../../../src/workload/step/kernels.ts';

// The isolated-kernel rates (realization 1), then the shared realization factor on its own.
const isolated = { ...H100_SXM, kernel_realization: 1 };
const r = roofline(isolated, 'bf16');

describe('kernel efficiency model (roofline per op class)', () => {
  test('tile quantization: the useful share of 128 x 128 output tiles', () => {
    expect(tileEfficiency(128, 256)).toBe(1);
    expect(tileEfficiency(129, 128)).toBeCloseTo(129 / 256, 12);
    expect(tileEfficiency(100, 300)).toBeCloseTo((100 * 300) / (128 * 384), 12);
  });

  test('a large GEMM runs at peak x MAMF: 989 TF/s x 792.1/989 = 792.1 TF/s', () => {
    const op: Op = { name: 'g', cls: 'gemm', flops: 792.1e6, bytes: 0, rows: 1024, cols: 1024 };
    expect(opTimeUs(op, r, 'fwd')).toBeCloseTo(1, 9); // 792.1 MFLOP at 792.1 TFLOP/s = 1 us
  });

  test('FP8 GEMMs run at the FP8 rate only when marked low precision', () => {
    const f8 = roofline(isolated, 'fp8');
    const op: Op = { name: 'g', cls: 'gemm', flops: 1350e6, bytes: 0, low_precision: true };
    expect(opTimeUs(op, f8, 'fwd')).toBeCloseTo(1, 9); // DeepGEMM 1350 TF/s
    expect(opTimeUs({ ...op, low_precision: false }, f8, 'fwd')).toBeCloseTo(1350 / 792.1, 9);
  });

  test('streaming ops cost bytes / (3.35 TB/s x 0.9); attention uses its own fwd/bwd fractions', () => {
    expect(opTimeUs({ name: 'v', cls: 'vector', flops: 1e12, bytes: 3.015e6 }, r, 'fwd')).toBeCloseTo(1, 9);
    const att: Op = { name: 'a', cls: 'attention', flops: 989e6, bytes: 0 };
    expect(opTimeUs(att, r, 'fwd')).toBeCloseTo(1 / 0.75, 9);
    expect(opTimeUs(att, r, 'bwd')).toBeCloseTo(1 / 0.565, 9);
  });

  test('reserving SMs for communication slows compute by sms / (sms - reserved)', () => {
    const reserved = roofline(isolated, 'bf16', 20);
    const op: Op = { name: 'g', cls: 'gemm', flops: 1e9, bytes: 0 };
    expect(opTimeUs(op, reserved, 'fwd') / opTimeUs(op, r, 'fwd')).toBeCloseTo(132 / 112, 12);
  });

  test('kernel_realization 0.8 stretches every op class alike: 1 / 0.8 = 1.25x the isolated time', () => {
    const shared = roofline(H100_SXM, 'bf16');
    const ops: Op[] = [
      { name: 'g', cls: 'gemm', flops: 1e9, bytes: 0, rows: 1024, cols: 1024 },
      { name: 'a', cls: 'attention', flops: 1e9, bytes: 0 },
      { name: 'v', cls: 'vector', flops: 0, bytes: 1e7 },
    ];
    expect(H100_SXM.kernel_realization).toBe(0.8);
    for (const op of ops) expect(opTimeUs(op, shared, 'bwd') / opTimeUs(op, r, 'bwd')).toBeCloseTo(1.25, 12);
  });

  fcTest.prop([fc.double({ min: 0, max: 1e13, noNaN: true }), fc.double({ min: 0, max: 1e10, noNaN: true })])(
    'more FLOPs or bytes never take less time',
    (flops, bytes) => {
      const op: Op = { name: 'g', cls: 'gemm', flops, bytes, rows: 300, cols: 700 };
      const t = opTimeUs(op, r, 'fwd');
      expect(t).toBeGreaterThanOrEqual(0);
      expect(opTimeUs({ ...op, flops: flops * 2 }, r, 'fwd')).toBeGreaterThanOrEqual(t);
      expect(opTimeUs({ ...op, bytes: bytes * 2 }, r, 'fwd')).toBeGreaterThanOrEqual(t);
    },
  );
});
