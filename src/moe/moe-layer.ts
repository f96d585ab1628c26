// One MoE feed-forward block: shared experts on every token, routed experts on the router's picks,
// tokens grouped per destination device then per expert for dispatch, outputs mixed by the gates.
// Counts router, expert, dispatch and combine costs and the all-to-all bytes under the placement
// (dispatch + combine, d elements each way per served copy; shared experts stay local, as in
// DeepSeek's deployment). Invariant: each touched expert's weights are read once per step.
import type { Counters } from './counters.ts';
import { swigluFfn, type Bytes } from './ops.ts';
import { homeDevice, type Placement } from './placement.ts';
import type { Router, Routing } from './router.ts';
import type { LayerWeights } from './weights.ts';

/** Copies grouped for dispatch: per expert the token rows and gates, experts ordered by device. */
export function groupByDestination(
  r: Routing,
  rows: number,
  experts: number,
  pl: Placement,
): { expert: number; rows: number[]; gates: number[] }[] {
  const groups = Array.from({ length: experts }, (_, e) => ({
    expert: e,
    rows: [] as number[],
    gates: [] as number[],
  }));
  for (let t = 0; t < rows; t++) {
    for (let i = 0; i < r.slots; i++) {
      const e = r.experts[t * r.slots + i];
      if (e < 0) continue;
      groups[e].rows.push(t);
      groups[e].gates.push(r.gates[t * r.slots + i]);
    }
  }
  return groups
    .filter((g) => g.rows.length > 0)
    .sort((a, b) => pl.expert_device[a.expert] - pl.expert_device[b.expert] || a.expert - b.expert);
}

/** Returns the block output (n×d) for input x (already normed); routing goes to `onRouting`. */
export function moeBlock(
  c: Counters,
  b: Bytes,
  x: Float32Array,
  n: number,
  d: number,
  w: LayerWeights,
  router: Router,
  pl: Placement,
): { out: Float32Array; routing: Routing } {
  const N = w.experts.length,
    out = new Float32Array(n * d);
  const routing = router.route(x, n);
  const cfg = router.cfg;
  c.add('router', {
    flop: routing.flop,
    weights: (d * N + (cfg.bias_update_rate > 0 ? N : 0)) * b.bw,
    activations: n * (d + N + (cfg.jitter_eps > 0 ? 2 * d : 0)) * b.ba,
  });
  for (const sw of w.shared) {
    const y = swigluFfn(c, 'shared_experts', b, x, n, d, sw);
    for (let i = 0; i < n * d; i++) out[i] += y[i];
  }
  const S = w.shared.length;
  let copies = 0,
    intra = 0,
    inter = 0;
  for (const g of groupByDestination(routing, n, N, pl)) {
    const ne = g.rows.length,
      xe = new Float32Array(ne * d);
    g.rows.forEach((t, i) => xe.set(x.subarray(t * d, (t + 1) * d), i * d));
    c.add('dispatch', { activations: 2 * ne * d * b.ba });
    const y = swigluFfn(c, 'routed_experts', b, xe, ne, d, w.experts[g.expert]);
    const dev = pl.expert_device[g.expert];
    g.rows.forEach((t, i) => {
      const gate = g.gates[i],
        o = t * d;
      for (let j = 0; j < d; j++) out[o + j] += gate * y[i * d + j];
      const home = homeDevice(pl, t);
      if (dev === home) return;
      if (pl.device_node[dev] === pl.device_node[home]) intra++;
      else inter++;
    });
    copies += ne;
  }
  c.add('combine', { flop: n * S * d + 2 * copies * d, activations: (n * S + copies + n) * d * b.ba });
  const perCopy = 2 * d * b.ba; // dispatch d + combine d elements (BF16 both ways)
  c.addA2a({ intra_node: intra * perCopy, inter_node: inter * perCopy, copies, remote_copies: intra + inter });
  return { out, routing };
}
