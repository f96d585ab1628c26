// Builds kernels.wasm from kernels.wat with the wabt npm package (WABT compiled to JavaScript; a
// dev dependency, nothing downloaded). The .wasm is committed beside its source, so running the
// kernels needs no build step; a test rebuilds it and compares the bytes (like the generated
// scenario types). Run: `npm run build:wasm`. Invariant: same .wat + same wabt → same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

export const WAT_URL = new URL('./kernels.wat', import.meta.url);
export const WASM_URL = new URL('./kernels.wasm', import.meta.url);

/** The module bytes compiled from kernels.wat (SIMD and shared memory enabled, no debug names). */
export async function buildWasm(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('kernels.wat', readFileSync(WAT_URL, 'utf8'), { simd: true, threads: true });
  try {
    return Uint8Array.from(mod.toBinary({ write_debug_names: false, canonicalize_lebs: true }).buffer);
  } finally {
    mod.destroy();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWasm().then((bytes) => {
    writeFileSync(WASM_URL, bytes);
    process.stdout.write(`wrote ${fileURLToPath(WASM_URL)} (${bytes.length} bytes)\n`);
  });
}
