// Benchmark of the micro-MoE: forward tokens/s and achieved GFLOP/s (from the counted FLOPs) for
// the default config in prefill and decode, a full default calibration's wall time, a tight
// single-thread matmul on the same machine for comparison, and (bench/moe-train.ts) the training
// kernels on both paths (TypeScript, WebAssembly SIMD): matmul and attention forward/backward
// GFLOP/s, training tokens/s and the shipped training run's time. Wall-clock appears only here.
// Run: `npm run bench -- moe [--no-full-run]` (prints one JSON line).
import { buildCalibration } from '../src/calibrate/calibration.ts';
import { measure } from '../src/calibrate/run.ts';
import { DEFAULT_BATCHES, DEFAULT_TOKENS } from '../src/cli/calibrate.ts';
import { DEFAULT_CONFIG } from '../src/moe/config.ts';
import { matmul } from '../src/moe/kernels.ts';
import { MicroMoE } from '../src/moe/model.ts';
import { trainingBench } from './moe-train.ts';

const now = (): number => performance.now();

/** Best of three timings of f, in ms. */
function best(f: () => void): number {
  let t = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = now();
    f();
    t = Math.min(t, now() - t0);
  }
  return t;
}

/** The plainest tight loop: out += a[i,p]·W[p,:] row by row (i-p-j), W row-major [k×m]. */
function naiveMatmul(a: Float32Array, n: number, k: number, w: Float32Array, m: number, out: Float32Array): void {
  out.fill(0);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p],
        wp = p * m,
        op = i * m;
      for (let j = 0; j < m; j++) out[op + j] += av * w[wp + j];
    }
}

function matmulGflops(size: number): { naive: number; blocked: number } {
  const a = Float32Array.from({ length: size * size }, (_, i) => Math.sin(i)),
    w = Float32Array.from({ length: size * size }, (_, i) => Math.cos(i));
  const out = new Float32Array(size * size),
    flop = 2 * size ** 3;
  return {
    naive: flop / best(() => naiveMatmul(a, size, size, w, size, out)) / 1e6,
    blocked: flop / best(() => matmul(a, size, size, w, size, out)) / 1e6,
  };
}

function forwardRates(): Record<string, number> {
  const c = DEFAULT_CONFIG,
    V = c.shape.vocab,
    tok = (i: number): number => (i * 131 + 7) % V;
  const seqs = 64,
    prompt = 32,
    steps = 32;
  // warm-up: let the JIT compile every kernel before timing (timings of one cold pass mislead)
  const warm = new MicroMoE(c),
    wc = warm.newCaches(8);
  warm.forward(
    wc,
    Array.from({ length: 8 * prompt }, (_, i) => ({ seq: Math.floor(i / prompt), token: tok(i) })),
    'prefill',
  );
  for (let t = 0; t < 8; t++)
    warm.forward(
      wc,
      Array.from({ length: 8 }, (_, b) => ({ seq: b, token: tok(t + b) })),
      'decode',
    );
  const m = new MicroMoE(c),
    caches = m.newCaches(seqs);
  let t0 = now();
  m.forward(
    caches,
    Array.from({ length: seqs * prompt }, (_, i) => ({ seq: Math.floor(i / prompt), token: tok(i) })),
    'prefill',
  );
  const prefill_ms = now() - t0;
  t0 = now();
  for (let t = 0; t < steps; t++)
    m.forward(
      caches,
      Array.from({ length: seqs }, (_, b) => ({ seq: b, token: tok(9999 + t * seqs + b) })),
      'decode',
    );
  const decode_ms = now() - t0;
  const pf = m.counters.sum({ phase: 'prefill' }).flop,
    df = m.counters.sum({ phase: 'decode' }).flop;
  return {
    prefill_tokens_per_s: (seqs * prompt) / (prefill_ms / 1e3),
    prefill_gflop_per_s: pf / prefill_ms / 1e6,
    decode_batch: seqs,
    decode_tokens_per_s: (seqs * steps) / (decode_ms / 1e3),
    decode_gflop_per_s: df / decode_ms / 1e6,
  };
}

export async function run(args: string[] = []): Promise<Record<string, unknown>> {
  const training = trainingBench(args);
  const rates = forwardRates();
  const mm = matmulGflops(256);
  const tight = Math.max(mm.naive, mm.blocked);
  const options = { tokens: DEFAULT_TOKENS, batches: DEFAULT_BATCHES };
  const t0 = now();
  const m = measure(DEFAULT_CONFIG, options);
  buildCalibration(DEFAULT_CONFIG, options, m);
  const calibration_s = (now() - t0) / 1e3;
  const tokens = m.batches.reduce((a, b) => a + b.prefill.tokens + b.decode.tokens, 0);
  const r = (x: number): number => Number(x.toPrecision(4));
  return {
    bench: 'moe',
    ...Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, r(v)])),
    matmul_256_naive_gflop_per_s: r(mm.naive),
    matmul_256_blocked_gflop_per_s: r(mm.blocked),
    tight_over_decode: r(tight / rates.decode_gflop_per_s),
    tight_over_prefill: r(tight / rates.prefill_gflop_per_s),
    calibration_tokens: tokens,
    calibration_decode_tokens: DEFAULT_TOKENS * DEFAULT_BATCHES.length,
    calibration_s: r(calibration_s),
    ...training,
  };
}

if (process.argv[1] !== undefined && /bench\/moe\.ts$/.test(process.argv[1])) {
  run(process.argv.slice(2)).then((o) => process.stdout.write(JSON.stringify(o) + '\n'));
}
