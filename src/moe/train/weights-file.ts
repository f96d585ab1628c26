// The trained-weights file: every tensor of tensorList in order as bfloat16 (little-endian, round to
// nearest even: the precision the micro-MoE's byte accounting already assumes), then each MoE
// layer's loss-free router bias as float32; and its JSON manifest (shape, seed, corpus hash,
// balancing method, training options, final losses, the file's SHA-256 and where each tensor is).
// Invariants: encode is deterministic (same weights → same bytes); decode(encode(w)) rounds each
// weight to bfloat16 and nothing else; a manifest whose hash does not match its file is refused.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { InputError } from '../../io/errors.ts';
import { readBytesFile, readTextFile } from '../../io/read-limited.ts';
import type { ModelShape } from '../shape.ts';
import { initWeights, tensorList, type ModelWeights } from '../weights.ts';

export const WEIGHTS_FORMAT = 'firstwall-micro-weights/1';

export interface TensorEntry {
  name: string;
  offset: number;
  length: number;
  dtype: 'bf16' | 'f32';
}

export interface WeightsManifest {
  format: typeof WEIGHTS_FORMAT;
  /** file name of the binary, next to the manifest */
  file: string;
  bytes: number;
  sha256: string;
  shape: ModelShape;
  /** everything about how the weights were made: seed, corpus hash, method, options, losses */
  provenance: Record<string, unknown>;
  tensors: TensorEntry[];
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** float32 → bfloat16 bits, round to nearest even (NaN kept quiet). */
export function toBf16(x: number): number {
  const u = new Uint32Array(new Float32Array([x]).buffer)[0];
  if ((u & 0x7fffffff) > 0x7f800000) return 0x7fc0;
  return ((u + 0x7fff + ((u >>> 16) & 1)) >>> 16) & 0xffff;
}

export const fromBf16 = (h: number): number => new Float32Array(new Uint32Array([h << 16]).buffer)[0];

export function encodeWeights(w: ModelWeights): { bytes: Uint8Array; tensors: TensorEntry[] } {
  const list = tensorList(w),
    biases = w.layers.flatMap((l, i) => (l.router ? [{ name: `layer${i}/router_bias`, b: l.router_bias }] : []));
  const total = list.reduce((a, x) => a + 2 * x.t.length, 0) + biases.reduce((a, x) => a + 4 * (x.b?.length ?? 0), 0);
  const view = new DataView(new ArrayBuffer(total)),
    tensors: TensorEntry[] = [];
  let o = 0;
  for (const { name, t } of list) {
    tensors.push({ name, offset: o, length: t.length, dtype: 'bf16' });
    for (let i = 0; i < t.length; i++, o += 2) view.setUint16(o, toBf16(t[i]), true);
  }
  for (const { name, b } of biases) {
    const n = b?.length ?? 0;
    tensors.push({ name, offset: o, length: n, dtype: 'f32' });
    for (let i = 0; i < n; i++, o += 4) view.setFloat32(o, b![i], true);
  }
  return { bytes: new Uint8Array(view.buffer), tensors };
}

/** Weights of `shape` from the bytes a manifest describes (every tensor must be there, at its size). */
export function decodeWeights(
  bytes: Uint8Array,
  m: Pick<WeightsManifest, 'tensors' | 'shape'>,
  where: string,
): ModelWeights {
  const w = initWeights(m.shape, 'unused: every tensor is overwritten below'),
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byName = new Map(m.tensors.map((t) => [t.name, t]));
  const entry = (name: string, length: number, dtype: TensorEntry['dtype']): TensorEntry => {
    const e = byName.get(name);
    if (!e || e.length !== length || e.dtype !== dtype || e.offset + length * (dtype === 'bf16' ? 2 : 4) > bytes.length)
      throw new InputError([`${where}: tensor ${name} is missing or not ${length} ${dtype} values inside the file`]);
    return e;
  };
  for (const { name, t } of tensorList(w)) {
    const e = entry(name, t.length, 'bf16');
    for (let i = 0; i < t.length; i++) t[i] = fromBf16(view.getUint16(e.offset + 2 * i, true));
  }
  w.layers.forEach((l, i) => {
    if (!l.router) return;
    const e = entry(`layer${i}/router_bias`, m.shape.routed_experts, 'f32');
    l.router_bias = Float64Array.from({ length: e.length }, (_, k) => view.getFloat32(e.offset + 4 * k, true));
  });
  return w;
}

/** A manifest is a page of JSON (the shipped one is ~6 KB); 1 MiB leaves room. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Weights of a micro-MoE (the shipped ones are 583 KB); 256 MiB is far beyond any config that trains here. */
export const MAX_WEIGHTS_BYTES = 256 * 1024 * 1024;

/** Read a weights manifest (a regular file, at most 1 MiB of UTF-8 JSON); `shown` names it in messages. */
export function readManifest(manifestPath: string, shown = manifestPath): WeightsManifest {
  let manifest: WeightsManifest;
  const text = readTextFile(manifestPath, shown, { maxBytes: MAX_MANIFEST_BYTES, what: 'weights manifest' });
  try {
    manifest = JSON.parse(text) as WeightsManifest;
  } catch (e) {
    throw new InputError([`${shown}: ${(e as Error).message.split('\n')[0]}`]);
  }
  if (manifest === null || typeof manifest !== 'object' || manifest.format !== WEIGHTS_FORMAT)
    throw new InputError([`${shown}: format must be ${WEIGHTS_FORMAT} (got ${JSON.stringify(manifest?.format)})`]);
  // the binary sits next to the manifest: a bare file name, never a path that leads elsewhere
  if (
    typeof manifest.file !== 'string' ||
    manifest.file === '' ||
    /[\\/]/.test(manifest.file) ||
    manifest.file.startsWith('..')
  )
    throw new InputError([
      `${shown}: file must be the bare name of the binary next to the manifest (got ${JSON.stringify(manifest.file)})`,
    ]);
  return manifest;
}

/**
 * Read a manifest and its binary; the binary's SHA-256 must match. With `expect`, a manifest of
 * another shape is refused before its binary is read or decoded (decoding allocates the shape).
 */
export function readWeights(
  manifestPath: string,
  expect?: (manifest: WeightsManifest) => void,
): { manifest: WeightsManifest; weights: ModelWeights } {
  const manifest = readManifest(manifestPath);
  expect?.(manifest);
  let bytes: Uint8Array;
  try {
    bytes = readBytesFile(path.join(path.dirname(manifestPath), manifest.file), manifest.file, {
      maxBytes: MAX_WEIGHTS_BYTES,
      what: 'weights file',
    });
  } catch (e) {
    throw new InputError([
      `${manifestPath}: cannot read the weights file ${manifest.file}: ${(e as InputError).problems?.[0] ?? (e as Error).message}`,
    ]);
  }
  if (sha256(bytes) !== manifest.sha256)
    throw new InputError([`${manifestPath}: ${manifest.file} does not match the manifest's sha256 (regenerate both)`]);
  return { manifest, weights: decodeWeights(bytes, manifest, manifestPath) };
}

/** The manifest path for a weights binary path: x.weights.bin → x.weights.json. */
export const manifestPathFor = (bin: string): string => bin.replace(/(\.bin)?$/, '.json');
