// drawRouting draws its uniforms in chunks (Rng.fill, candidate-draws.ts) and counts in int32
// scratch. This checks it against the plain algorithm, one rng.next() per try, written out here:
// every count equal, and the stream left at the same place (its next uniform equal), on shapes
// that cross chunk boundaries, redraw repeats, hit the deterministic fallback, limit nodes and
// send shared copies.
import { describe, expect, test } from 'vitest';
import { createRng, type Rng } from '../../src/engine/rng.ts';
import { normaliseLoads, zipfLoads } from '../../src/network/expert-load.ts';
import { aliasTable, drawRouting, expertGpu, type RoutingInput } from '../../src/network/routing.ts';

/** The reference: per token, up to 256 tries per pick, then the heaviest allowed expert. */
function reference(inp: RoutingInput, rng: Rng) {
  const { gpus: G, gpus_per_node: per, experts: N, top_k: K, tokens_per_gpu: T } = inp;
  const nodes = G / per,
    M = inp.node_limit ?? nodes,
    S = inp.shared_routed ?? 0;
  // routing.ts's own alias table: what is under test is how the draws are taken and counted
  const t = aliasTable(normaliseLoads(inp.expert_load));
  const nodeOf = (e: number): number => Math.floor(expertGpu(e, N, G) / per);
  const copies = new Float64Array(G * G),
    gpuCopies = new Float64Array(G * G),
    nodeCopies = new Float64Array(G * nodes),
    expertLoad = new Float64Array(N);
  for (let src = 0; src < G; src++)
    for (let tok = 0; tok < T; tok++) {
      const experts = new Set<number>(),
        usedNodes = new Set<number>();
      const allowed = (c: number): boolean => !experts.has(c) && (usedNodes.size < M || usedNodes.has(nodeOf(c)));
      for (let k = 0; k < K; k++) {
        let e = -1;
        for (let tries = 0; tries < 256 && e < 0; tries++) {
          const u = rng.next() * N,
            i = u | 0,
            c = u - i < t.prob[i] ? i : t.alias[i];
          if (allowed(c)) e = c;
        }
        // the fallback: the heaviest allowed expert, the lowest index on ties
        if (e < 0) for (let c = 0; c < N; c++) if (allowed(c) && (e < 0 || t.weight[c] > t.weight[e])) e = c;
        experts.add(e);
        usedNodes.add(nodeOf(e));
      }
      const gpus = [...experts].map((e) => expertGpu(e, N, G));
      for (let s = 0; s < S; s++) gpus.push(Math.min(G - 1, Math.floor(rng.next() * G)));
      for (const e of experts) expertLoad[e]++;
      for (const g of gpus) copies[src * G + g]++;
      for (const g of new Set(gpus)) gpuCopies[src * G + g]++;
      for (const n of new Set(gpus.map((g) => Math.floor(g / per)))) nodeCopies[src * nodes + n]++;
    }
  return { copies, gpuCopies, nodeCopies, expertLoad };
}

const base: RoutingInput = {
  gpus: 16,
  gpus_per_node: 4,
  experts: 32,
  top_k: 4,
  tokens_per_gpu: 150, // 16 x 150 x 4 = 9,600 picks: more than two 4,096-uniform chunks
  expert_load: zipfLoads(32, 1),
};
// 30 of 32 experts near zero weight: top-4 often needs the 256-try fallback
const skewed = Array.from({ length: 32 }, (_, e) => (e < 30 ? 1e-12 : 1));

describe('drawRouting equals the one-draw-per-try algorithm', () => {
  test.each([
    ['uniform loads, no limit', base],
    ['Zipf loads (max/mean 6)', { ...base, expert_load: zipfLoads(32, 6) }],
    ['fallback-heavy loads', { ...base, expert_load: skewed, tokens_per_gpu: 20 }],
    ['node limit 2', { ...base, node_limit: 2 }],
    ['two shared copies routed', { ...base, shared_routed: 2 }],
    ['flat counts off', { ...base, count_copies: false }],
  ])('%s', (_, inp: RoutingInput) => {
    const rng = createRng(5, 'routing'),
      ref = createRng(5, 'routing');
    const s = drawRouting(inp, rng),
      r = reference(inp, ref);
    if (inp.count_copies !== false) expect(Array.from(s.copies)).toEqual(Array.from(r.copies));
    expect(Array.from(s.gpuCopies)).toEqual(Array.from(r.gpuCopies));
    expect(Array.from(s.nodeCopies)).toEqual(Array.from(r.nodeCopies));
    expect(Array.from(s.expertLoad)).toEqual(Array.from(r.expertLoad));
    expect(rng.next()).toBe(ref.next()); // the stream is left where one draw per try leaves it
  });
});
