// Netsim benchmark: one MoE layer's dispatch+combine, top-8 of 256 experts, 4,096 tokens per GPU,
// d_model 7,168 (DeepSeek-V3 shape, moe.md section 3), FP8 dispatch / BF16 combine, H100 links,
// 8 GPUs per node. Reports per size: flows simulated, fair-share solves, wall and CPU seconds
// (routing draws included; CPU seconds are steadier than wall time on a shared machine), and
// the growth exponent b of CPU time ~ gpus^b fitted over the sizes (least squares on logs).
// Each size runs once to warm the JIT, then `--repeats` times (default 2); the best is kept.
// `draws_cpu_s`: the CPU seconds of the routing draws alone (the same streams, drawn again): a
// floor that no change to the flow simulation moves (top-8 of 256 per token on every GPU).
// Targets (issue 18): flat 128 GPUs < 0.3 s, hierarchical 1,024 GPUs < 1 s.
// `digest`: the first 16 hex digits of a SHA-256 over every GPU's completion time (float64 bytes)
// and the scale-out bytes: a speed change must leave it as it was (results byte-identical).
// `--method flat|hierarchical` (default hierarchical), `--sizes 128,256,512,1024,2048`.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { CODE, compiled } from './compiled.ts';
import type { A2aMethod, MoeLayerInput } from '../src/network/moe-layer.ts';

// compiled (dist/), as the other benchmarks and `firstwall` run it
const { H100_CLUSTER } = await compiled<typeof import('../src/network/cluster-shape.ts')>('network/cluster-shape');
const { zipfLoads } = await compiled<typeof import('../src/network/expert-load.ts')>('network/expert-load');
const { epGroupSize } = await compiled<typeof import('../src/network/ep-group.ts')>('network/ep-group');
const { BF16_COMBINE_BYTES_PER_ELEMENT, FP8_DISPATCH_BYTES_PER_ELEMENT, isA2aMethod, routingSample, simulateMoeLayer } =
  await compiled<typeof import('../src/network/moe-layer.ts')>('network/moe-layer');

function layer(gpus: number, method: A2aMethod): MoeLayerInput {
  return {
    cluster: { ...H100_CLUSTER, gpus },
    experts: 256,
    top_k: 8,
    d_model: 7168,
    tokens_per_gpu: 4096,
    dispatch_bytes_per_element: FP8_DISPATCH_BYTES_PER_ELEMENT,
    combine_bytes_per_element: BF16_COMBINE_BYTES_PER_ELEMENT,
    expert_load: zipfLoads(256, 1),
    method,
    expert_compute_us: 0,
    seed: 'bench',
  };
}

const cpuSeconds = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;

/** CPU seconds of the layer's routing draws alone (every EP group, the streams the layer uses). */
function drawsOnly(input: MoeLayerInput): number {
  const c0 = process.cpuUsage();
  const ep = epGroupSize(input.cluster.gpus, input.experts, input.cluster.gpus_per_node);
  for (let base = 0; base < input.cluster.gpus; base += ep)
    routingSample(input, ep, `network.moe.routing/group:${base / ep}`);
  return cpuSeconds(process.cpuUsage(c0));
}

function once(gpus: number, method: A2aMethod) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = simulateMoeLayer(layer(gpus, method));
  const wall_s = (performance.now() - t0) / 1e3;
  const cpu = process.cpuUsage(c0);
  return { r, wall_s, cpu_s: (cpu.user + cpu.system) / 1e6 };
}

/** Fingerprint of a layer's results (see the header). */
function digest(r: ReturnType<typeof simulateMoeLayer>): string {
  const h = createHash('sha256').update(new Uint8Array(r.done_us.buffer, r.done_us.byteOffset, r.done_us.byteLength));
  return h.update(`${r.scale_out_bytes} ${r.realized_imbalance}`).digest('hex').slice(0, 16);
}

/** Slope of log(y) on log(x). */
function growthExponent(x: number[], y: number[]): number {
  const lx = x.map(Math.log),
    ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length,
    my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0,
    den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: { method: { type: 'string' }, sizes: { type: 'string' }, repeats: { type: 'string' } },
    strict: true,
  });
  const method = values.method ?? 'hierarchical';
  if (!isA2aMethod(method)) throw new Error(`--method must be flat or hierarchical (got "${method}")`);
  const sizes = (values.sizes ?? '128,256,512,1024,2048').split(',').map(Number);
  const repeats = Number(values.repeats ?? 2);
  const out: Record<string, unknown> = {
    bench: 'netsim',
    code: CODE,
    method,
    experts: 256,
    top_k: 8,
    tokens_per_gpu: 4096,
  };
  const cpu: number[] = [];
  for (const gpus of sizes) {
    let best = once(gpus, method);
    for (let i = 0; i < repeats; i++) {
      const x = once(gpus, method);
      if (x.cpu_s < best.cpu_s) best = x;
    }
    cpu.push(best.cpu_s);
    const draws = Math.min(drawsOnly(layer(gpus, method)), drawsOnly(layer(gpus, method)));
    out[`gpus_${gpus}`] = {
      flows: best.r.flows,
      solves: best.r.solves,
      wall_s: Number(best.wall_s.toFixed(3)),
      cpu_s: Number(best.cpu_s.toFixed(3)),
      draws_cpu_s: Number(draws.toFixed(3)),
      layer_p99_us: Number(best.r.p99_us.toFixed(1)),
      digest: digest(best.r),
    };
  }
  if (sizes.length >= 2) out.growth_exponent = Number(growthExponent(sizes, cpu).toFixed(2));
  return out;
}
