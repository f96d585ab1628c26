// `firstwall train` end to end on a tiny config: the output folder (summary, JSON, four charts with
// their specs, no chart warnings), the verdict line, byte-identical output and weights on a rerun,
// and usage errors with exit code 2 and nothing written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { readWeights } from '../../src/moe/train/weights-file.ts';

function capture(cwd: string): { io: CommandIO; out: () => string; err: () => string } {
  let out = '',
    err = '';
  return {
    io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: {}, isTTY: false },
    out: () => out,
    err: () => err,
  };
}

const TINY = `bpe_merges: 16
shape: { layers: 2, moe_layers: 1, d_model: 8, heads: 2, kv_heads: 1, expert_ffn_hidden: 4, dense_ffn_hidden: 8, routed_experts: 4, top_k: 2, context_tokens: 16 }
router: { k_max: 3 }
placement: { devices: 2, nodes: 1, max_nodes_per_token: 1 }
prompt_tokens: 4
`;

describe('firstwall train', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-train-'));
  writeFileSync(join(dir, 'tiny.yaml'), TINY);
  const args = (out: string, w: string) => [
    'train',
    '--config',
    'tiny.yaml',
    '--steps',
    '3',
    '--seqs',
    '8',
    '--seq-len',
    '16',
    '--kernels',
    'ts',
    '--out',
    out,
    '--weights',
    w,
  ];

  it('writes the summary, the JSON and four charts, and gives the same bytes on a rerun', async () => {
    const a = capture(dir),
      b = capture(dir);
    expect(await main(args('a', 'wa/tiny.weights.bin'), a.io)).toBe(0);
    expect(await main([...args('b', 'wb/tiny.weights.bin'), '--quiet'], b.io)).toBe(0);
    expect(a.out()).toContain('Per balancing method');
    expect(a.out()).toMatch(/^(YES|NO|NOT SHOWN): .*Wang et al\. 2024 report 0\.72 → 0\.04 at 1B\.$/m);
    expect(b.out()).toBe('');
    expect(a.err()).not.toContain('chart');
    const charts = readdirSync(join(dir, 'a', 'charts')).sort();
    expect(charts).toEqual(
      ['train-balance', 'train-loss', 'train-maxvio', 'train-specialization'].flatMap((c) => [
        `${c}.svg`,
        `${c}.vl.json`,
      ]),
    );
    for (const f of ['summary.txt', 'train.json', ...charts.map((c) => `charts/${c}`)])
      expect(readFileSync(join(dir, 'b', f), 'utf8')).toBe(readFileSync(join(dir, 'a', f), 'utf8'));
    const doc = JSON.parse(readFileSync(join(dir, 'a', 'train.json'), 'utf8'));
    expect(doc.methods.map((m: { summary: { method: string } }) => m.summary.method)).toEqual([
      'none',
      'aux',
      'loss-free',
    ]);
    expect(doc.methods[1].summary.alpha).toBe(0.01);
    expect(doc.methods[0].steps.ce).toHaveLength(3);
    const wa = readFileSync(join(dir, 'wa', 'tiny.weights.bin')),
      wb = readFileSync(join(dir, 'wb', 'tiny.weights.bin'));
    expect(wa.equals(wb)).toBe(true);
    const { manifest } = readWeights(join(dir, 'wa', 'tiny.weights.json'));
    expect((manifest.provenance as { method: string }).method).toBe('loss-free');
    expect((manifest.provenance as { kernels: string }).kernels).toBe('ts');
  });

  it('reports usage errors with exit code 2 and writes nothing', async () => {
    for (const [extra, msg] of [
      [['--methods', 'aux,bogus'], '--methods takes none, aux, loss-free (got "bogus")'],
      [['--methods', 'aux', '--weights-method', 'loss-free'], '--weights-method must be one of the trained methods'],
      [['--kernels', 'gpu'], '--kernels must be auto, ts or wasm (got "gpu")'],
      [['--seq-len', '17'], '--seq-len must be an integer in [1, 16]'],
      [['--lr', '2'], '--lr must be a number in (0, 1) (got "2")'],
    ] as const) {
      const c = capture(dir);
      expect(await main(['train', '--config', 'tiny.yaml', '--out', 'bad', ...extra], c.io)).toBe(2);
      expect(c.err()).toContain(msg);
    }
    const c = capture(dir);
    expect(await main(['train'], c.io)).toBe(2);
    expect(c.err()).toContain('--out DIR is required');
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
