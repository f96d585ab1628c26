// The perfectly balanced routing sample: every GPU sends the same bytes to every GPU of its EP
// group (the ideal that published expert-parallel cost models and DeepSeek's EPLB assume), with
// expected rather than drawn counts. Per token, with experts uniform over G GPUs on G_n nodes:
// - copies to each GPU: K / G (+ S / G for shared experts sent over the network);
// - distinct GPUs hit: E[GPUs] = G (1 - C(N - N/G, K) / C(N, K)), spread evenly over the GPUs;
// - distinct nodes hit: E[nodes] = G_n (1 - C(N - N/G_n, K) / C(N, K)) (moe.md 1.7), evenly.
// With node-limited routing (at most M of G_n nodes, DeepSeek-V3 3.2.2) the K experts are uniform
// over the M chosen nodes' N M / G_n experts: E[nodes] = M (1 - C(N M/G_n - N/G_n, K) / C(N M/G_n, K)).
// Invariant: totals equal the expectations above exactly (counts are fractional).
import { expectedNodes } from '../moe/formulas.ts';
import { checkRoutingInput, type RoutingInput, type RoutingSample } from './routing.ts';

/** Expected distinct nodes and distinct GPUs one token's K experts span (node limit M applied). */
export function expectedSpan(input: RoutingInput): { nodes: number; gpus: number } {
  const { gpus: G, gpus_per_node: per, experts: N, top_k: K } = input;
  const Gn = G / per;
  const M = Math.min(Gn, input.node_limit ?? Gn);
  const pool = (N * M) / Gn; // experts on the M chosen nodes
  return { nodes: expectedNodes(pool, K, M), gpus: expectedNodes(pool, K, M * per) };
}

export function balancedRouting(input: RoutingInput): RoutingSample {
  checkRoutingInput(input);
  const { gpus: G, gpus_per_node: per, experts: N, top_k: K, tokens_per_gpu: T } = input;
  const nodes = G / per;
  const S = input.shared_routed ?? 0;
  const span = expectedSpan(input);
  // A shared copy lands on a uniform GPU: it adds S/G copies per GPU; its distinct-GPU and
  // distinct-node counts are taken as extra copies (exact when S = 0, the default).
  const perGpu = (T * (K + S)) / G,
    gpuHits = (T * (span.gpus + S)) / G,
    nodeHits = (T * (span.nodes + S)) / nodes;
  return {
    gpus: G,
    nodes,
    gpus_per_node: per,
    copies: new Float64Array(G * G).fill(perGpu),
    gpuCopies: new Float64Array(G * G).fill(gpuHits),
    nodeCopies: new Float64Array(G * nodes).fill(nodeHits),
    expertLoad: new Float64Array(N).fill((T * G * K) / N),
  };
}
