// The WebAssembly SIMD backend: kernels.wasm (hand-written WAT, see wasm/build.ts) over one shared
// WebAssembly memory that is also the arena the training buffers come from, so a matmul runs on the
// model's buffers in place (no copies). Shared memory keeps every Float32Array view valid when the
// arena grows. Buffers that do not live in this memory (a router's affinities, a test's arrays)
// take the TypeScript kernels instead: same results within float32 tolerance. Attention runs one
// call per (sequence, KV head) group, the row-block loop inside the module.
// Invariant: every buffer alloc() returns is zeroed, 16-byte aligned and never reused.
import { readFileSync } from 'node:fs';
import type { AttnShape } from './attention-train.ts';
import type { Backend } from './backend.ts';
import type { Buf } from './buf.ts';
import { gemmTs } from './gemm-ts.ts';
import { softmaxCausalBackwardTs, softmaxCausalTs } from './softmax-ts.ts';

const WASM_URL = new URL('./wasm/kernels.wasm', import.meta.url);
const PAGE = 65536;
/** 1 GiB: the address space V8 reserves for the shared memory (allocated only as the arena grows). */
const MAX_PAGES = 16384;

interface Exports {
  gemm(...args: number[]): void;
  softmax_causal(s: number, ld: number, rows: number, first: number, scale: number): void;
  softmax_causal_backward(p: number, d: number, ld: number, rows: number, first: number, scale: number): void;
  attention_forward_group(...args: number[]): void;
  attention_backward_group(...args: number[]): void;
}

/** The slice of the WebAssembly JS API used here (the project's lib setting has no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: object };
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let bytes: Uint8Array | undefined;
const wasmBytes = (): Uint8Array => (bytes ??= new Uint8Array(readFileSync(WASM_URL)));

/** True when this engine compiles the module: WebAssembly SIMD and shared memory. */
export function wasmSimdSupported(): boolean {
  try {
    return WA !== undefined && WA.validate(wasmBytes());
  } catch {
    return false;
  }
}

/** Row widths (floats) of the fused qkv layout, the group size and the score scale 1/√d_h. */
const groups = (s: AttnShape) => {
  const qW = s.heads * s.head_dim,
    kvW = s.kv_heads * s.head_dim;
  return { qW, kvW, W: qW + 2 * kvW, group: s.heads / s.kv_heads, scale: 1 / Math.sqrt(s.head_dim) };
};

export function wasmBackend(): Backend {
  if (!WA) throw new Error('WebAssembly is not available');
  const memory = new WA.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
  const ex = new WA.Instance(new WA.Module(wasmBytes()), { env: { mem: memory } }).exports as unknown as Exports;
  const mine = new Set<ArrayBufferLike>();
  let top = 16,
    scratch = 0,
    scratchK = -1;
  const alloc = (n: number): Float32Array => {
    const bytes = Math.ceil((4 * n) / 16) * 16;
    if (top + bytes > memory.buffer.byteLength) memory.grow(Math.ceil((top + bytes - memory.buffer.byteLength) / PAGE));
    const view = new Float32Array(memory.buffer, top, n);
    mine.add(view.buffer);
    top += bytes;
    return view;
  };
  const inside = (x: Buf): x is Float32Array => x instanceof Float32Array && mine.has(x.buffer);
  /** Packed-B panel (8 floats per p) plus the 4×8 edge tile, grown by doubling. */
  const scratchFor = (k: number): number => {
    if (k > scratchK) {
      scratchK = Math.max(k, 2 * scratchK, 256);
      scratch = alloc(8 * scratchK + 32).byteOffset;
    }
    return scratch;
  };
  return {
    path: 'wasm',
    precision: 'f32',
    alloc,
    gemm(m, n, k, A, a, sai, sap, B, b, sbp, sbj, C, c, ldc, accumulate) {
      if (m <= 0 || n <= 0) return;
      if (!(inside(A) && inside(B) && inside(C)))
        return gemmTs(m, n, k, A, a, sai, sap, B, b, sbp, sbj, C, c, ldc, accumulate);
      const sc = scratchFor(k);
      ex.gemm(
        m,
        n,
        k,
        A.byteOffset + 4 * a,
        4 * sai,
        4 * sap,
        B.byteOffset + 4 * b,
        4 * sbp,
        4 * sbj,
        C.byteOffset + 4 * c,
        4 * ldc,
        accumulate ? 1 : 0,
        sc,
      );
    },
    softmaxCausal(S, s, ld, rows, first, scale) {
      if (!inside(S)) return softmaxCausalTs(S, s, ld, rows, first, scale);
      ex.softmax_causal(S.byteOffset + 4 * s, 4 * ld, rows, first, scale);
    },
    softmaxCausalBackward(P, p, dP, d, ld, rows, first, scale) {
      if (!(inside(P) && inside(dP))) return softmaxCausalBackwardTs(P, p, dP, d, ld, rows, first, scale);
      ex.softmax_causal_backward(P.byteOffset + 4 * p, dP.byteOffset + 4 * d, 4 * ld, rows, first, scale);
    },
    attentionForward(s, qkv, P, out, kt, rb) {
      if (!(inside(qkv) && inside(P) && inside(out) && inside(kt))) return false;
      const g = groups(s),
        sc = scratchFor(Math.max(s.T, s.head_dim));
      for (let b = 0; b < s.seqs; b++)
        for (let k = 0; k < s.kv_heads; k++)
          ex.attention_forward_group(
            qkv.byteOffset + 4 * b * s.T * g.W,
            4 * g.W,
            4 * (g.qW + k * s.head_dim),
            4 * g.kvW,
            k * g.group,
            g.group,
            s.head_dim,
            s.T,
            P.byteOffset + 4 * (b * s.heads + k * g.group) * s.T * s.T,
            out.byteOffset + 4 * b * s.T * g.qW,
            4 * g.qW,
            kt.byteOffset,
            rb,
            g.scale,
            sc,
          );
      return true;
    },
    attentionBackward(s, qkv, P, dOut, dqkv, vt, block, rb) {
      if (!(inside(qkv) && inside(P) && inside(dOut) && inside(dqkv) && inside(vt) && inside(block))) return false;
      const g = groups(s),
        sc = scratchFor(Math.max(s.T, s.head_dim));
      dqkv.fill(0, 0, s.seqs * s.T * g.W);
      for (let b = 0; b < s.seqs; b++)
        for (let k = 0; k < s.kv_heads; k++)
          ex.attention_backward_group(
            qkv.byteOffset + 4 * b * s.T * g.W,
            4 * g.W,
            4 * (g.qW + k * s.head_dim),
            4 * g.kvW,
            k * g.group,
            g.group,
            s.head_dim,
            s.T,
            P.byteOffset + 4 * (b * s.heads + k * g.group) * s.T * s.T,
            dOut.byteOffset + 4 * b * s.T * g.qW,
            4 * g.qW,
            dqkv.byteOffset + 4 * b * s.T * g.W,
            vt.byteOffset,
            block.byteOffset,
            rb,
            g.scale,
            sc,
          );
      return true;
    },
  };
}
