// The kernel backend the training code runs on: buffer allocation, the strided matrix multiply and
// the causal softmax pair. Two implementations: TypeScript (Float32Array, or Float64Array for the
// gradient tests) and WebAssembly SIMD (wasm-backend.ts, buffers inside its memory). Invariant:
// a backend is deterministic (same inputs, same bits); the two agree within float32 tolerance.
import type { AttnShape } from './attention-train.ts';
import type { Buf } from './buf.ts';
import { gemmTs } from './gemm-ts.ts';
import { softmaxCausalBackwardTs, softmaxCausalTs } from './softmax-ts.ts';
import { wasmBackend, wasmSimdSupported } from './wasm-backend.ts';

export const KERNEL_PATHS = ['ts', 'wasm'] as const;
export type KernelPath = (typeof KERNEL_PATHS)[number];
export const KERNEL_CHOICES = ['auto', ...KERNEL_PATHS] as const;
export type KernelChoice = (typeof KERNEL_CHOICES)[number];
export const isKernelChoice = (x: unknown): x is KernelChoice => KERNEL_CHOICES.includes(x as KernelChoice);

export interface Backend {
  readonly path: KernelPath;
  readonly precision: 'f32' | 'f64';
  /** A zero-filled buffer the kernels can work on directly. */
  alloc(n: number): Buf;
  /** C(m×n) = [C +] A·B; A(i,p) = A[a + i·sai + p·sap], B(p,j) = B[b + p·sbp + j·sbj], C row stride ldc. */
  gemm(
    m: number,
    n: number,
    k: number,
    A: Buf,
    a: number,
    sai: number,
    sap: number,
    B: Buf,
    b: number,
    sbp: number,
    sbj: number,
    C: Buf,
    c: number,
    ldc: number,
    accumulate: boolean,
  ): void;
  /** Causal softmax of scale·S over `rows` query rows starting at position `first` (see softmax-ts.ts). */
  softmaxCausal(S: Buf, s: number, ld: number, rows: number, first: number, scale: number): void;
  softmaxCausalBackward(
    P: Buf,
    p: number,
    dP: Buf,
    d: number,
    ld: number,
    rows: number,
    first: number,
    scale: number,
  ): void;
  /**
   * Attention forward / backward with the row-block loop inside the backend (wasm), same arguments
   * as attention-train.ts plus its scratch and row block; false when it cannot (buffers outside its
   * memory), and the caller runs the generic loop. Same results as that loop, bit for bit.
   */
  attentionForward?(s: AttnShape, qkv: Buf, P: Buf, out: Buf, kt: Buf, rowBlock: number): boolean;
  attentionBackward?(
    s: AttnShape,
    qkv: Buf,
    P: Buf,
    dOut: Buf,
    dqkv: Buf,
    vt: Buf,
    block: Buf,
    rowBlock: number,
  ): boolean;
}

export function tsBackend(precision: 'f32' | 'f64' = 'f32'): Backend {
  return {
    path: 'ts',
    precision,
    alloc: (n) => (precision === 'f64' ? new Float64Array(n) : new Float32Array(n)),
    gemm: gemmTs,
    softmaxCausal: softmaxCausalTs,
    softmaxCausalBackward: softmaxCausalBackwardTs,
  };
}

/** The kernel path `auto` picks: WebAssembly SIMD when this engine supports it, else TypeScript. */
export const autoPath = (): KernelPath => (wasmSimdSupported() ? 'wasm' : 'ts');

/** A fresh float32 backend on the chosen path; asking for wasm where it is unsupported is an error. */
export function selectBackend(choice: KernelChoice = 'auto'): Backend {
  const path = choice === 'auto' ? autoPath() : choice;
  if (path === 'ts') return tsBackend('f32');
  if (!wasmSimdSupported())
    throw new Error('this JavaScript engine does not support WebAssembly SIMD with shared memory');
  return wasmBackend();
}
