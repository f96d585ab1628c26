// `firstwall netsim <scenario.yaml>`: the microsecond network simulation for the scenario's
// cluster: one MoE layer's dispatch+combine and/or the data-parallel all-reduce, as a timing table
// next to the alpha-beta closed form; --trace FILE writes the flows as a Chrome/Perfetto trace.
//
//   load scenario -> pick accelerator (newest at the start year) -> cluster shape -> simulate
//   -> table on stdout (-> trace file, atomically)
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseIntOption } from './options.ts';
import { loadScenario, type Scenario } from '../scenario/load.ts';
import type { Accelerator } from '../scenario/types.gen.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { H100_CLUSTER, type ClusterShape } from '../network/cluster-shape.ts';
import { simulateRailAllReduce } from '../network/collective-time.ts';
import { ringAllReduceUs } from '../network/closed-form.ts';
import { zipfLoads } from '../network/expert-load.ts';
import { isA2aMethod, moeLayerEstimateUs, simulateMoeLayer, type MoeLayerInput } from '../network/moe-layer.ts';
import { buildTopology } from '../network/topology.ts';
import { chromeTrace } from '../network/trace.ts';
import type { FlowRecord } from '../network/flow-network.ts';

const DEFAULT_D_MODEL = 7168; // DeepSeek-V3 config_671B.json (moe.md section 3); the scenario has no d_model
const DEFAULT_GRAD_BYTES = 1e9; // assumption: 1 GB of BF16 gradients per GPU (a 500M-parameter shard)

const usage = `Usage: firstwall netsim <scenario.yaml> [--layer moe|allreduce] [--gpus N] [options]
  Simulates the scenario's cluster at microsecond scale (flows with max-min fair sharing) and
  prints one MoE layer's dispatch+combine and/or the gradient all-reduce against the closed form.
  --layer moe|allreduce  only one of the two (default: both)
  --gpus N               GPUs simulated (default: 16 scale-up domains of 8, or 2 NVL72 racks)
  --accelerator NAME     catalog entry (default: newest at the scenario's start year)
  --method flat|hierarchical   MoE all-to-all form (default: hierarchical, DeepEP-style)
  --tokens N             tokens per GPU per MoE layer (default: model.micro_batch_tokens_per_gpu)
  --d-model N            hidden size (default ${DEFAULT_D_MODEL}, DeepSeek-V3)
  --imbalance R          expert load max/mean, Zipf-shaped (default 1: uniform)
  --node-limit M         most nodes per token (DeepSeek-V3 uses 4)
  --sites N              spread the GPUs over the scenario's first N sites (default 1)
  --grad-bytes N         all-reduce bytes per GPU (default 1e9)
  --seed N               routing seed (default: the scenario's seed)
  --trace FILE           write the flows as a Chrome/Perfetto trace (JSON trace event format)

Example:
  firstwall netsim scenarios/baseline-2025.yaml --layer moe --gpus 128 --trace moe.json
`;

export const netsimCommand: Command = {
  name: 'netsim',
  summary: 'microsecond simulation of the MoE all-to-all and gradient all-reduce as flows',
  usage,
  async run(args, io) {
    const opts = {
      layer: { type: 'string' },
      gpus: { type: 'string' },
      accelerator: { type: 'string' },
      method: { type: 'string' },
      tokens: { type: 'string' },
      'd-model': { type: 'string' },
      imbalance: { type: 'string' },
      'node-limit': { type: 'string' },
      sites: { type: 'string' },
      'grad-bytes': { type: 'string' },
      seed: { type: 'string' },
      trace: { type: 'string' },
    } as const;
    const { values: v, positionals } = parseCommandArgs(args, opts);
    if (positionals.length !== 1) throw new UsageError('expected exactly one scenario file');
    if (v.layer !== undefined && v.layer !== 'moe' && v.layer !== 'allreduce')
      throw new UsageError(`--layer must be moe or allreduce (got "${v.layer}")`);
    if (v.method !== undefined && !isA2aMethod(v.method))
      throw new UsageError(`--method must be flat or hierarchical (got "${v.method}")`);
    const { scenario } = loadScenario(positionals[0], io.cwd);
    const acc = pickAccelerator(scenario, v.accelerator);
    const cluster = clusterFor(scenario, acc, v.gpus, v.sites);
    const rows: string[][] = [['layer', 'method', 'GPUs', 'flows', 'mean_us', 'p99_us', 'max_us', 'closed_form_us']];
    const records: FlowRecord[] = [];
    const hasMoe = (scenario.model?.routed_experts ?? 0) > 0 && (scenario.model?.top_k ?? 0) > 0;
    if (v.layer === 'moe' && !hasMoe)
      throw new UsageError(
        `${scenario.name} has no routed experts (model.routed_experts / top_k); try scenarios/moe-sparsity.yaml`,
      );
    if (v.layer !== 'allreduce' && hasMoe) {
      const input = moeInput(scenario, cluster, v);
      const r = simulateMoeLayer({ ...input, record: v.trace !== undefined });
      rows.push([
        'moe dispatch+combine',
        input.method,
        `${cluster.gpus}`,
        `${r.flows}`,
        f(r.mean_us),
        f(r.p99_us),
        f(r.max_us),
        f(moeLayerEstimateUs(input)),
      ]);
      records.push(...r.records);
    }
    if (v.layer !== 'moe') {
      const bytes = v['grad-bytes'] === undefined ? DEFAULT_GRAD_BYTES : positive('grad-bytes', v['grad-bytes']);
      const r = simulateRailAllReduce(cluster, bytes, 'ring', v.trace !== undefined && v.layer === 'allreduce');
      const nodes = cluster.gpus / cluster.gpus_per_node;
      const cf = ringAllReduceUs(nodes, bytes / cluster.gpus_per_node, {
        alpha_us: cluster.hop_latency_us,
        bandwidth_B_per_us: cluster.scale_out_gbit_per_s * 125 * cluster.link_efficiency,
      });
      rows.push([
        'all-reduce (ring per rail)',
        'ring',
        `${cluster.gpus}`,
        `${r.flows}`,
        f(r.t_us),
        f(r.t_us),
        f(r.t_us),
        f(cf),
      ]);
      records.push(...r.records);
    }
    if (!hasMoe && v.layer === undefined) io.stderr(`${scenario.name} has no routed experts: MoE layer skipped\n`);
    io.stdout(
      `${scenario.name}: ${acc.name}, ${cluster.gpus} GPUs in ${cluster.gpus / cluster.gpus_per_node} domains of ${cluster.gpus_per_node}, ${cluster.sites} site(s)\n${table(rows)}\n`,
    );
    if (v.trace !== undefined) writeFileAtomic(v.trace, chromeTrace(records, buildTopology(cluster)));
    return EXIT.ok;
  },
};

type Flags = Partial<Record<'gpus' | 'tokens' | 'd-model' | 'imbalance' | 'node-limit' | 'seed' | 'method', string>>;

function pickAccelerator(s: Scenario, name: string | undefined): Accelerator {
  if (name !== undefined) {
    const a = s.hardware.find((h) => h.name === name);
    if (!a)
      throw new UsageError(
        `--accelerator "${name}" is not in the catalog (${s.hardware.map((h) => h.name).join(', ')})`,
      );
    return a;
  }
  const avail = s.hardware.filter((h) => h.first_year <= s.horizon.start_year);
  if (avail.length === 0)
    throw new UsageError(`no accelerator in the catalog is available at ${s.horizon.start_year}; use --accelerator`);
  return avail.reduce((a, b) => (b.first_year >= a.first_year ? b : a));
}

function clusterFor(
  s: Scenario,
  a: Accelerator,
  gpusFlag: string | undefined,
  sitesFlag: string | undefined,
): ClusterShape {
  const per = a.scale_up_domain_gpus ?? 8;
  const sites = parseIntOption('sites', sitesFlag, 1);
  if (sites > s.sites.length) throw new UsageError(`--sites ${sites}: the scenario has ${s.sites.length} site(s)`);
  const gpus = parseIntOption('gpus', gpusFlag, Math.max(2, Math.ceil(128 / per)) * per);
  if (gpus % (per * sites) !== 0)
    throw new UsageError(
      `--gpus must be a multiple of ${per * sites} (${per}-GPU domains over ${sites} site(s)); got ${gpus}`,
    );
  const n = s.network ?? {};
  return {
    ...H100_CLUSTER,
    gpus,
    gpus_per_node: per,
    sites,
    scale_up_gb_per_s: a.scale_up_gb_per_s,
    scale_out_gbit_per_s: a.scale_out_gbit_per_s,
    scale_up_latency_us: n.scale_up_latency_us ?? H100_CLUSTER.scale_up_latency_us,
    hop_latency_us: n.hop_latency_us ?? H100_CLUSTER.hop_latency_us,
    fiber_us_per_km: n.fiber_us_per_km ?? H100_CLUSTER.fiber_us_per_km,
    inter_site_gbit_per_s: n.inter_site_gbit_per_s ?? H100_CLUSTER.inter_site_gbit_per_s,
    link_efficiency: n.collective_efficiency ?? 1,
    site_distance_km: sites > 1 ? Math.abs((s.sites[1].distance_km ?? 0) - (s.sites[0].distance_km ?? 0)) : 0,
  };
}

function moeInput(s: Scenario, cluster: ClusterShape, v: Flags): MoeLayerInput {
  const m = s.model ?? {};
  const experts = m.routed_experts!,
    bytes = m.bytes_per_activation ?? 2;
  const imbalance = v.imbalance === undefined ? 1 : positive('imbalance', v.imbalance);
  return {
    cluster,
    experts,
    top_k: m.top_k!,
    d_model: parseIntOption('d-model', v['d-model'], DEFAULT_D_MODEL),
    tokens_per_gpu: parseIntOption('tokens', v.tokens, m.micro_batch_tokens_per_gpu ?? 4096),
    dispatch_bytes_per_element: bytes,
    combine_bytes_per_element: bytes,
    expert_load: zipfLoads(experts, imbalance),
    node_limit: v['node-limit'] === undefined ? undefined : parseIntOption('node-limit', v['node-limit'], 1),
    method: v.method === 'flat' ? 'flat' : 'hierarchical',
    expert_compute_us: 0,
    seed: v.seed ?? s.seed ?? 0,
  };
}

function positive(name: string, raw: string): number {
  const x = Number(raw);
  if (!(x > 0 && Number.isFinite(x))) throw new UsageError(`--${name} must be a number > 0 (got "${raw}")`);
  return x;
}

const f = (x: number): string => x.toFixed(1);

function table(rows: string[][]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((x, c) => (c < 2 ? x.padEnd(w[c]) : x.padStart(w[c]))).join('  ')).join('\n');
}
