// Issue 17 items 3, 4 and 5 for `firstwall train` and `calibrate --weights`, which came after it:
// a weights manifest is read safely (regular file, byte limit, strict UTF-8), it may name only a
// binary next to it (not /dev/zero, not ../elsewhere), a manifest of another shape is refused
// before its binary is decoded (decoding allocates the shape it claims), and train's --out and
// --weights go through the one output-path resolver (no writing through a symlink).
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { CommandIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { readWeights } from '../../src/moe/train/weights-file.ts';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'fw-weights-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: CommandIO = { stdout: () => {}, stderr: (t) => void (err += t), cwd: dir, env: {}, isTTY: false };
  return { code: await main(argv, io), err };
}

function manifest(name: string, fields: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ format: 'firstwall-micro-weights/1', sha256: 'x', tensors: [], ...fields }));
  return file;
}

describe('weights manifests are read safely', () => {
  test('a manifest that is /dev/zero is refused at once', () => {
    expect(() => readWeights('/dev/zero')).toThrow('/dev/zero:1:1: cannot read weights manifest: a device');
  });
  test.each([
    ['/dev/zero', 'an absolute path'],
    ['../../etc/passwd', 'a path out of the folder'],
    ['sub/w.bin', 'a path into a subfolder'],
    ['', 'an empty name'],
  ])('a manifest naming %s as its binary (%s) is refused before anything is read', (file) => {
    const m = manifest('m.json', { file, shape: {} });
    expect(() => readWeights(m)).toThrow(/file must be the bare name of the binary next to the manifest/);
  });
  test('a binary that leads to a device is refused by the safe reader, told at the manifest', () => {
    const m = manifest('big.json', { file: 'big.bin', shape: {} });
    symlinkSync('/dev/zero', join(dir, 'big.bin')); // the binary named is a link to a device
    expect(() => readWeights(m)).toThrow(/cannot read the weights file big\.bin: .*a device, not a regular file/);
  });
  test("calibrate --weights with another shape is refused before the binary is decoded (it allocates the manifest's shape)", async () => {
    const shape = { layers: 1e6, d_model: 1e6 }; // ~1e18 weights if it were allocated
    manifest('huge.weights.json', { file: 'huge.weights.bin', shape });
    writeFileSync(join(dir, 'huge.weights.bin'), 'not weights');
    const r = await cli(['calibrate', '--weights', 'huge.weights.json', '--out', 'cal.json', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("huge.weights.json: the weights' shape");
    expect(existsSync(join(dir, 'cal.json'))).toBe(false);
  });
});

describe('train writes through the output-path resolver', () => {
  const tiny = join(dir, 'tiny.yaml');
  writeFileSync(
    tiny,
    `bpe_merges: 16
shape: { layers: 2, moe_layers: 1, d_model: 8, heads: 2, kv_heads: 1, expert_ffn_hidden: 4, dense_ffn_hidden: 8, routed_experts: 4, top_k: 2, context_tokens: 16 }
router: { k_max: 3 }
placement: { devices: 2, nodes: 1, max_nodes_per_token: 1 }
prompt_tokens: 4
`,
  );
  const train = ['train', '--config', 'tiny.yaml', '--steps', '2', '--seqs', '4', '--seq-len', '16', '--kernels', 'ts'];
  test('--out that is a symlink is refused (exit 2) before training', async () => {
    symlinkSync(dir, join(dir, 'out-link'));
    const r = await cli([...train, '--out', 'out-link']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out "out-link" is a symbolic link');
  });
  test('--weights that is a symlink, or whose manifest is, is refused and the target left alone', async () => {
    writeFileSync(join(dir, 'victim.txt'), 'precious');
    symlinkSync(join(dir, 'victim.txt'), join(dir, 'w1.bin'));
    symlinkSync(join(dir, 'victim.txt'), join(dir, 'w2.json'));
    for (const [w, msg] of [
      ['w1.bin', '--weights "w1.bin" is a symbolic link'],
      ['w2.bin', '--weights (its manifest) "w2.json" is a symbolic link'],
    ]) {
      const r = await cli([...train, '--out', 'o', '--weights', w]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(msg);
    }
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('precious');
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });
});
