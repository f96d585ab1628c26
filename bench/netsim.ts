// Netsim benchmark: one MoE layer's dispatch+combine, top-8 of 256 experts, 4,096 tokens per GPU,
// d_model 7,168 (DeepSeek-V3 shape, moe.md section 3), FP8 dispatch / BF16 combine, on 128 GPUs
// (16 nodes of 8) and 1,024 GPUs (128 nodes of 8), H100 links. Reports flows simulated, flows per
// second and wall time (routing draws included). Targets: 128 GPUs < 1 s, 1,024 GPUs < 30 s.
// `--method flat|hierarchical` (default hierarchical), `--sizes 128,1024`.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { H100_CLUSTER } from '../src/network/cluster-shape.ts';
import { zipfLoads } from '../src/network/expert-load.ts';
import { isA2aMethod, simulateMoeLayer } from '../src/network/moe-layer.ts';

const FP8_BYTES = 1 + 4 / 128; // DeepEP FP8 with one fp32 scale per 128 elements (moe.md 1.7)

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: { method: { type: 'string' }, sizes: { type: 'string' } },
    strict: true,
  });
  const method = values.method ?? 'hierarchical';
  if (!isA2aMethod(method)) throw new Error(`--method must be flat or hierarchical (got "${method}")`);
  const sizes = (values.sizes ?? '128,1024').split(',').map(Number);
  const out: Record<string, unknown> = { bench: 'netsim', method, experts: 256, top_k: 8, tokens_per_gpu: 4096 };
  for (const gpus of sizes) {
    const t0 = performance.now();
    const r = simulateMoeLayer({
      cluster: { ...H100_CLUSTER, gpus },
      experts: 256,
      top_k: 8,
      d_model: 7168,
      tokens_per_gpu: 4096,
      dispatch_bytes_per_element: FP8_BYTES,
      combine_bytes_per_element: 2,
      expert_load: zipfLoads(256, 1),
      method,
      expert_compute_us: 0,
      seed: 'bench',
    });
    const wall_s = (performance.now() - t0) / 1e3;
    out[`gpus_${gpus}`] = {
      flows: r.flows,
      solves: r.solves,
      flows_per_s: Math.round(r.flows / wall_s),
      wall_s: Number(wall_s.toFixed(3)),
      layer_p99_us: Number(r.p99_us.toFixed(1)),
    };
  }
  return out;
}
