// Closed forms of one MoE layer's expert-parallel exchange under perfectly balanced routing (every
// GPU sends the same bytes to every GPU of its EP group; balanced-routing.ts), with the links the
// flow simulation uses: each GPU's scale-up port (half the bidirectional figure per direction)
// inside its scale-up domain, and its scale-out NIC beyond it. Per GPU, w bytes per copy:
//   flat:  inside the domain (per-1) c w over the port, beyond it (G-per) c w over the NIC, in
//          parallel; c = T (K+S) / G copies per destination GPU.
//   hierarchical dispatch: the NIC carries inter = (G_n-1) T p_n w (one copy per remote node,
//          p_n = E[nodes]/G_n), each relay forwards fwd = (G_n-1)(per-1) T p_g w over NVLink
//          (p_g = E[GPUs]/G), and the direct local sends, local = (per-1) T p_g w, share the port:
//          cut-through       max(a_out + inter/NIC + a_up, a_up + (local+fwd)/up)
//          store-and-forward max(a_out + inter/NIC + a_up + fwd/up, a_up + (local+fwd)/up).
//   hierarchical combine: the reverse; a relay's reduce inputs share the port with the local
//          sends at equal per-flow rates (in by a_up + min(2 fwd, fwd+local)/up), then one copy per
//          node goes out over the NIC (cut-through: streaming, ending no sooner than a_out after
//          the reduce inputs).
// These are exactly what the flow simulation gives for balanced routing (test/network/ep-closed-form).
// Each phase reports its latency (alpha) and bandwidth parts apart; they add up to the total.
// Invariant: one site (no fiber delay, no site links); multi-site exchanges need the simulation.
import { expectedSpan } from './balanced-routing.ts';
import { bytesPerUsFromGBps, bytesPerUsFromGbps, type ClusterShape } from './cluster-shape.ts';
import type { RelayMode } from './all-to-all.ts';
import type { A2aMethod } from './moe-layer.ts';

export interface EpExchangeInput {
  cluster: ClusterShape;
  /** GPUs in the EP group (whole scale-up domains, or fewer GPUs inside one domain). */
  ep_gpus: number;
  experts: number;
  top_k: number;
  d_model: number;
  tokens_per_gpu: number;
  dispatch_bytes_per_element: number;
  combine_bytes_per_element: number;
  node_limit?: number;
  /** Shared experts sent over the network per token (0: run locally). */
  shared_routed?: number;
  method: A2aMethod;
  /** Hierarchical relays (default cut-through). */
  relay?: RelayMode;
}

export interface PhaseTime {
  total_us: number;
  /** Message latencies on the phase's critical path. */
  latency_us: number;
  /** Bytes over link rates on that path. */
  bandwidth_us: number;
}

export interface EpLayerTime {
  dispatch: PhaseTime;
  combine: PhaseTime;
  /** dispatch + combine (expert compute excluded). */
  total_us: number;
  latency_us: number;
  bandwidth_us: number;
}

/** Per-direction link rates (bytes/us) of a cluster: scale-up port and scale-out NIC. */
export function linkRates(c: ClusterShape): { up: number; nic: number } {
  return {
    up: (bytesPerUsFromGBps(c.scale_up_gb_per_s) / 2) * c.link_efficiency,
    nic: bytesPerUsFromGbps(c.scale_out_gbit_per_s) * c.link_efficiency,
  };
}

/** The slower of several (latency, bandwidth) paths; ties keep the first. */
function slowest(...paths: [number, number][]): PhaseTime {
  let best: PhaseTime = { total_us: 0, latency_us: 0, bandwidth_us: 0 };
  for (const [a, b] of paths)
    if (b > 0 && a + b > best.total_us) best = { total_us: a + b, latency_us: a, bandwidth_us: b };
  return best;
}

export function epLayerClosedForm(i: EpExchangeInput): EpLayerTime {
  const c = i.cluster;
  const G = i.ep_gpus;
  const per = Math.min(c.gpus_per_node, G);
  const Gn = G / per;
  const T = i.tokens_per_gpu,
    S = i.shared_routed ?? 0;
  const { up, nic } = linkRates(c);
  const aUp = c.scale_up_latency_us,
    aOut = c.hop_latency_us;
  const phase = (w: number, combine: boolean): PhaseTime => {
    if (i.method === 'flat') {
      const perDst = (T * (i.top_k + S) * w) / G;
      return slowest([aOut, ((G - per) * perDst) / nic], [aUp, ((per - 1) * perDst) / up]);
    }
    const span = expectedSpan({
      gpus: G,
      gpus_per_node: per,
      experts: i.experts,
      top_k: i.top_k,
      tokens_per_gpu: T,
      expert_load: [],
      node_limit: i.node_limit,
    });
    const pn = (span.nodes + S) / Gn,
      pg = (span.gpus + S) / G;
    const inter = (Gn - 1) * T * pn * w,
      fwd = (Gn - 1) * (per - 1) * T * pg * w,
      local = (per - 1) * T * pg * w;
    const port: [number, number] = [aUp, (local + fwd) / up];
    const store = i.relay === 'store-and-forward';
    if (!combine) return slowest([aOut + aUp, inter / nic + (store ? fwd / up : 0)], port);
    // The relay's reduce inputs share its port with the local sends at equal per-flow rates.
    const reduced = Math.min(2 * fwd, fwd + local) / up;
    if (store) return slowest([aUp + aOut, reduced + inter / nic], port);
    return slowest([aOut, inter / nic], [aUp + aOut, reduced], port);
  };
  const dispatch = phase(i.d_model * i.dispatch_bytes_per_element, false);
  const combine = phase(i.d_model * i.combine_bytes_per_element, true);
  return {
    dispatch,
    combine,
    total_us: dispatch.total_us + combine.total_us,
    latency_us: dispatch.latency_us + combine.latency_us,
    bandwidth_us: dispatch.bandwidth_us + combine.bandwidth_us,
  };
}
