// Plain-text tables of a calibration for the terminal: FLOPs per token by component, HBM bytes and
// arithmetic intensity by batch size, all-to-all bytes per MoE layer, router statistics per
// mechanism. Reads the rounded Calibration only, so the printout matches the file.
import { FLOP_COMPONENTS } from '../moe/formulas.ts';
import { MECHANISMS } from './mechanisms.ts';
import type { Calibration } from './calibration.ts';

function table(title: string, head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [title, line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line), ''].join(
    '\n',
  );
}

const fmt = (x: number): string =>
  Math.abs(x) >= 1e5 ? x.toExponential(3) : Number.isInteger(x) ? String(x) : x.toPrecision(4);

export function formatCalibration(cal: Calibration): string {
  const out = [`NOTE: ${cal.note}`, ''];
  const pooled = (phase: 'prefill' | 'decode', comp: string): number => {
    let flop = 0,
      tokens = 0;
    for (const b of cal.batches) {
      flop += b[phase].flop_per_token_by_component[comp] * b[phase].tokens;
      tokens += b[phase].tokens;
    }
    return tokens > 0 ? flop / tokens : 0;
  };
  out.push(
    table(
      'FLOPs per token by component (all batch sizes pooled)',
      ['component', 'prefill', 'decode'],
      [
        ...FLOP_COMPONENTS.map((c) => [c, pooled('prefill', c), pooled('decode', c)]),
        [
          'total',
          ...(['prefill', 'decode'] as const).map((p) => FLOP_COMPONENTS.reduce((a, c) => a + pooled(p, c), 0)),
        ],
      ],
    ),
  );
  out.push(
    table(
      'Decode HBM bytes per token by batch size (weights read once per step)',
      ['batch', 'mean_kv', 'weights', 'activations', 'kv_read', 'kv_write', 'total', 'FLOP/byte'],
      cal.batches.map((b) => {
        const h = b.decode.hbm_bytes_per_token;
        return [
          String(b.batch_tokens),
          b.decode.mean_kv_len,
          h.weights,
          h.activations,
          h.kv_read,
          h.kv_write,
          h.total,
          b.decode.arithmetic_intensity,
        ];
      }),
    ),
  );
  out.push(
    table(
      'Prefill arithmetic intensity by batch size',
      ['batch', 'prompt', 'bytes/token', 'FLOP/byte'],
      cal.batches.map((b) => [
        String(b.batch_tokens),
        b.prompt_tokens,
        b.prefill.hbm_bytes_per_token.total,
        b.prefill.arithmetic_intensity,
      ]),
    ),
  );
  out.push(
    table(
      `All-to-all bytes per token per MoE layer, decode (${cal.placement.devices} devices, ${cal.placement.nodes} nodes)`,
      ['batch', 'intra_node', 'inter_node', 'distinct_experts'],
      cal.batches.map((b) => [
        String(b.batch_tokens),
        b.decode.a2a_bytes_per_token_per_moe_layer.intra_node,
        b.decode.a2a_bytes_per_token_per_moe_layer.inter_node,
        b.decode.distinct_experts_per_moe_layer,
      ]),
    ),
  );
  const rows: (string | number)[][] = [];
  for (const b of cal.batches) {
    for (const m of MECHANISMS) {
      const r = b.router[m];
      rows.push([
        `B=${b.batch_tokens} ${m}`,
        r.imbalance,
        r.load_cv,
        r.overflow_fraction,
        r.reroute_fraction,
        r.drop_fraction,
        r.remote_fraction,
        r.inter_node_fraction,
        r.distinct_experts,
        r.distinct_experts_uniform,
        r.mean_k,
        r.max_nodes_spanned,
      ]);
    }
  }
  out.push(
    table(
      `Router statistics, decode (${cal.weights?.source === 'trained' ? 'trained' : 'untrained'} router)`,
      [
        'batch / mechanism',
        'max/mean',
        'cv',
        'overflow',
        'reroute',
        'drop',
        'remote',
        'inter_node',
        'distinct',
        'uniform',
        'mean_k',
        'max_nodes',
      ],
      rows,
    ),
  );
  return out.join('\n');
}
