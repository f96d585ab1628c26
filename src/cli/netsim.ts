// `firstwall netsim <scenario.yaml>`: the microsecond network simulation for the scenario's
// cluster: one MoE layer's dispatch+combine and/or the data-parallel all-reduce, as a timing table
// next to the alpha-beta closed form; --trace FILE writes the flows as a Chrome/Perfetto trace.
//
//   load scenario -> pick accelerator (newest at the start year) -> cluster shape -> simulate
//   -> table on stdout (-> trace file, atomically)
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { InputError, UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseIntOption } from './options.ts';
import { loadScenario, type Scenario } from '../scenario/load.ts';
import { normalize, type Params } from '../params/params.ts';
import type { Accelerator } from '../scenario/types.gen.ts';
import { ReadError, readTextFile } from '../io/read-limited.ts';
import { resolve } from 'node:path';
import { isRelayMode } from '../network/all-to-all.ts';
import { writeFileAtomic } from '../io/atomic/file.ts';
import { assertFinite } from '../io/finite.ts';
import { resolveOutPath } from '../io/atomic/out-path.ts';
import { H100_CLUSTER, type ClusterShape } from '../network/cluster-shape.ts';
import { simulateRailAllReduce } from '../network/collective-time.ts';
import { ringAllReduceUs } from '../network/closed-form.ts';
import { DEFAULT_DECODE_MICRO_BATCHES, DEFAULT_DECODE_TOKENS_PER_GPU, simulateDecode } from '../network/decode.ts';
import { zipfLoads } from '../network/expert-load.ts';
import {
  BF16_COMBINE_BYTES_PER_ELEMENT,
  FP8_DISPATCH_BYTES_PER_ELEMENT,
  isA2aMethod,
  isRoutingMode,
  moeLayerClosedForm,
  simulateMoeLayer,
  type MoeLayerInput,
} from '../network/moe-layer.ts';
import { buildTopology } from '../network/topology.ts';
import { chromeTrace } from '../network/trace.ts';
import type { FlowRecord } from '../network/flow-network.ts';

const DEFAULT_D_MODEL = 7168; // DeepSeek-V3 config_671B.json (moe.md section 3); the scenario has no d_model
const DEFAULT_GRAD_BYTES = 1e9; // assumption: 1 GB of BF16 gradients per GPU (a 500M-parameter shard)

const usage = `Usage: firstwall netsim <scenario.yaml> [--layer moe|allreduce] [--gpus N] [options]
  Simulates the scenario's cluster at microsecond scale (flows with max-min fair sharing) and
  prints one MoE layer's dispatch+combine and/or the gradient all-reduce against the closed form.
  Columns: latency_us is the part of max_us due to message latencies (max_us minus the same run
  at zero latency); dispatch_us the latest end of a GPU's dispatch and bound_us its busiest-link
  lower bound for the same routing sample;
  cf_us / cf_latency_us the closed form (balanced routing) and its latency part.
  --layer moe|allreduce  only one of the two (default: both)
  --gpus N               GPUs simulated (default: 16 scale-up domains of 8, or 2 NVL72 racks)
  --accelerator NAME     catalog entry (default: newest at the scenario's start year)
  --method flat|hierarchical   MoE all-to-all form (default: hierarchical, DeepEP-style)
  --relay cut-through|store-and-forward   hierarchical relays (default cut-through)
  --tokens N             tokens per GPU per MoE layer (default: model.micro_batch_tokens_per_gpu;
                         with --decode: ${DEFAULT_DECODE_TOKENS_PER_GPU}, DeepEP's low-latency batch)
  --d-model N            hidden size (default: the model family's published d_model, else ${DEFAULT_D_MODEL}, DeepSeek-V3)
  --dispatch-bytes B     bytes per element dispatched (default: moe.dispatch_bytes_per_element;
                         DeepSeek-V3 ${FP8_DISPATCH_BYTES_PER_ELEMENT}: FP8 + scales, DeepEP)
  --combine-bytes B      bytes per element combined (default: moe.combine_bytes_per_element; ${BF16_COMBINE_BYTES_PER_ELEMENT}: BF16, DeepEP)
  --routing random|balanced   draws per token, or every GPU sends the same bytes to every GPU (default random)
  --imbalance R          random routing: expert load max/mean, Zipf-shaped (default 1: uniform)
  --expert-load FILE     random routing: a measured load per expert (JSON array of numbers)
  --node-limit M         most nodes per token (default: moe.node_limit; DeepSeek-V3 uses 4)
  --shared-experts N     shared experts per token (default: model.shared_experts)
  --shared-placement local|routed   run them on the token's GPU or send them as routed copies
                         (default: moe.shared_placement, local)
  --decode               decode step: two micro-batches overlapped, time per output token
  --micro-batches N      decode micro-batches (default ${DEFAULT_DECODE_MICRO_BATCHES})
  --compute-us X         decode: attention + expert compute per layer for the batch (default 0)
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
      relay: { type: 'string' },
      'dispatch-bytes': { type: 'string' },
      'combine-bytes': { type: 'string' },
      routing: { type: 'string' },
      'expert-load': { type: 'string' },
      'shared-experts': { type: 'string' },
      'shared-placement': { type: 'string' },
      decode: { type: 'boolean' },
      'micro-batches': { type: 'string' },
      'compute-us': { type: 'string' },
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
    if (v.relay !== undefined && !isRelayMode(v.relay))
      throw new UsageError(`--relay must be cut-through or store-and-forward (got "${v.relay}")`);
    if (v.routing !== undefined && !isRoutingMode(v.routing))
      throw new UsageError(`--routing must be random or balanced (got "${v.routing}")`);
    if (v['shared-placement'] !== undefined && v['shared-placement'] !== 'local' && v['shared-placement'] !== 'routed')
      throw new UsageError(`--shared-placement must be local or routed (got "${v['shared-placement']}")`);
    const trace = v.trace === undefined ? undefined : resolveOutPath(v.trace, '--trace', 'file', io.cwd);
    const { scenario } = loadScenario(positionals[0], io.cwd);
    const params = normalize(scenario); // the model family's shape and /moe inputs filled in
    const acc = pickAccelerator(scenario, v.accelerator);
    const cluster = clusterFor(scenario, acc, v.gpus, v.sites);
    const header = [
      'layer',
      'method',
      'GPUs',
      'flows',
      'mean_us',
      'p99_us',
      'max_us',
      'latency_us',
      'dispatch_us',
      'bound_us',
    ];
    const rows: string[][] = [[...header, 'cf_us', 'cf_latency_us']];
    const records: FlowRecord[] = [];
    const record = v.trace !== undefined;
    const hasMoe = params.model.routed_experts > 0 && params.model.top_k > 0 && params.model.moe_layers > 0;
    if (v.layer === 'moe' && !hasMoe)
      throw new UsageError(
        `${scenario.name} has no routed experts (model.family / routed_experts / top_k); try scenarios/baseline-2025.yaml`,
      );
    if (v.layer !== 'allreduce' && hasMoe) {
      const input = { ...moeInput(params, cluster, v, io.cwd), record };
      if (v.decode) rows.push(...decodeRows(input, v, params.model.moe_layers, records));
      else {
        const r = simulateMoeLayer(input);
        assertFinite(r, 'the MoE layer simulation'); // the output boundary
        const bw = simulateMoeLayer({ ...input, cluster: noLatency(cluster), record: false });
        const cf = moeLayerClosedForm(input);
        rows.push([
          'moe dispatch+combine',
          input.method,
          `${cluster.gpus}`,
          `${r.flows}`,
          f(r.mean_us),
          f(r.p99_us),
          f(r.max_us),
          f(r.max_us - bw.max_us),
          f(r.dispatch_max_us),
          f(r.dispatch_lower_bound_us),
          f(cf.total_us + input.expert_compute_us),
          f(cf.latency_us),
        ]);
        append(records, r.records);
      }
    }
    if (v.layer !== 'moe') {
      const bytes = v['grad-bytes'] === undefined ? DEFAULT_GRAD_BYTES : positive('grad-bytes', v['grad-bytes']);
      const r = simulateRailAllReduce(cluster, bytes, 'ring', record);
      assertFinite(r, 'the all-reduce simulation'); // the output boundary
      const bw = simulateRailAllReduce(noLatency(cluster), bytes, 'ring', false);
      const nodes = cluster.gpus / cluster.gpus_per_node;
      const ab = {
        alpha_us: cluster.hop_latency_us,
        bandwidth_B_per_us: cluster.scale_out_gbit_per_s * 125 * cluster.link_efficiency,
      };
      const cf = ringAllReduceUs(nodes, bytes / cluster.gpus_per_node, ab);
      const t = f(r.t_us);
      rows.push(['all-reduce (ring per rail)', 'ring', `${cluster.gpus}`, `${r.flows}`, t, t, t]);
      rows[rows.length - 1].push(f(r.t_us - bw.t_us), '-', '-', f(cf), f(ringAllReduceUs(nodes, 0, ab)));
      append(records, r.records);
    }
    if (!hasMoe && v.layer === undefined) io.stderr(`${scenario.name} has no routed experts: MoE layer skipped\n`);
    io.stdout(
      `${scenario.name}: ${acc.name}, ${cluster.gpus} GPUs in ${cluster.gpus / cluster.gpus_per_node} domains of ${cluster.gpus_per_node}, ${cluster.sites} site(s)\n${table(rows)}\n`,
    );
    if (trace) writeFileAtomic(trace, chromeTrace(records, buildTopology(cluster)));
    return EXIT.ok;
  },
};

/** Appends without spreading (a trace can hold more flows than a call's argument limit). */
function append<T>(to: T[], from: readonly T[]): void {
  for (const x of from) to.push(x);
}

/** The same cluster with every message latency at zero: what is left is the bandwidth term. */
function noLatency(c: ClusterShape): ClusterShape {
  return { ...c, hop_latency_us: 0, scale_up_latency_us: 0, site_distance_km: 0 };
}

/** A time-per-output-token row: the figure in the max_us column, the rest blank (12 columns). */
function tpotRow(label: string, us: number): string[] {
  return [label, '', '', '', '', '', f(us), '', '', '', '', ''];
}

function decodeRows(input: MoeLayerInput, v: Flags, moeLayers: number, records: FlowRecord[]): string[][] {
  const d = simulateDecode({
    layer: input,
    micro_batches: parseIntOption('micro-batches', v['micro-batches'], DEFAULT_DECODE_MICRO_BATCHES),
    compute_us_per_layer: v['compute-us'] === undefined ? 0 : nonNegative('compute-us', v['compute-us']),
    moe_layers: moeLayers,
  });
  append(records, d.layer.records);
  const r = d.layer;
  return [
    [
      `moe decode micro-batch (${d.micro_batch_tokens} tok/GPU)`,
      input.method,
      `${input.cluster.gpus}`,
      `${r.flows}`,
      f(r.mean_us),
      f(r.p99_us),
      f(r.max_us),
      '-',
      f(r.dispatch_max_us),
      f(r.dispatch_lower_bound_us),
      f(d.comm_closed_form_us),
      '-',
    ],
    tpotRow('decode time per output token, per MoE layer', d.tpot_us_per_layer),
    tpotRow(`decode time per output token, ${moeLayers} MoE layers`, d.tpot_us_per_model),
  ];
}

type Flags = Partial<
  Record<
    | 'gpus'
    | 'tokens'
    | 'd-model'
    | 'imbalance'
    | 'node-limit'
    | 'seed'
    | 'method'
    | 'relay'
    | 'routing'
    | 'dispatch-bytes'
    | 'combine-bytes'
    | 'expert-load'
    | 'shared-experts'
    | 'shared-placement'
    | 'micro-batches'
    | 'compute-us',
    string
  >
> & { decode?: boolean };

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

function moeInput(p: Params, cluster: ClusterShape, v: Flags, cwd: string): MoeLayerInput {
  const m = p.model;
  const experts = m.routed_experts;
  const tokensDefault = v.decode ? DEFAULT_DECODE_TOKENS_PER_GPU : m.micro_batch_tokens_per_gpu;
  const nodeLimit = v['node-limit'] === undefined ? p.moe.node_limit : parseIntOption('node-limit', v['node-limit'], 1);
  const shared = v['shared-placement'] ?? p.moe.shared_placement;
  return {
    cluster,
    experts,
    top_k: m.top_k,
    d_model: parseIntOption('d-model', v['d-model'], p.family?.entry.published.d_model ?? DEFAULT_D_MODEL),
    tokens_per_gpu: parseIntOption('tokens', v.tokens, tokensDefault),
    dispatch_bytes_per_element:
      v['dispatch-bytes'] === undefined
        ? p.moe.dispatch_bytes_per_element
        : positive('dispatch-bytes', v['dispatch-bytes']),
    combine_bytes_per_element:
      v['combine-bytes'] === undefined
        ? p.moe.combine_bytes_per_element
        : positive('combine-bytes', v['combine-bytes']),
    expert_load: expertLoad(experts, v, cwd),
    node_limit: nodeLimit > 0 ? nodeLimit : undefined,
    method: v.method === 'flat' || (v.method === undefined && v.decode) ? 'flat' : 'hierarchical',
    relay: v.relay === 'store-and-forward' ? 'store-and-forward' : 'cut-through',
    routing: v.routing === 'balanced' ? 'balanced' : 'random',
    shared_experts: parseIntOption('shared-experts', v['shared-experts'], m.shared_experts),
    shared_placement: shared === 'routed' ? 'routed' : 'local',
    expert_compute_us: 0,
    seed: v.seed ?? p.seed,
  };
}

/** --expert-load FILE (a measured histogram), else Zipf with --imbalance, else uniform. */
function expertLoad(experts: number, v: Flags, cwd: string): number[] {
  if (v['expert-load'] !== undefined) {
    if (v.imbalance !== undefined) throw new UsageError('--expert-load and --imbalance cannot be combined');
    const path = resolve(cwd, v['expert-load']);
    let data: unknown;
    try {
      // a histogram of up to 100,000 experts is well under 4 MiB of JSON
      data = JSON.parse(readTextFile(path, v['expert-load'], { maxBytes: 4 * 1024 * 1024, what: 'expert load' }));
    } catch (e) {
      if (e instanceof ReadError) throw new UsageError(`--expert-load ${v['expert-load']}: ${e.reason}`);
      if (e instanceof InputError) throw e;
      throw new UsageError(`--expert-load ${v['expert-load']}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!Array.isArray(data) || data.length !== experts || !data.every((x) => typeof x === 'number' && x >= 0))
      throw new UsageError(`--expert-load ${v['expert-load']}: expected a JSON array of ${experts} numbers >= 0`);
    return data as number[];
  }
  return zipfLoads(experts, v.imbalance === undefined ? 1 : positive('imbalance', v.imbalance));
}

function nonNegative(name: string, raw: string): number {
  const x = Number(raw);
  if (!(x >= 0 && Number.isFinite(x))) throw new UsageError(`--${name} must be a number >= 0 (got "${raw}")`);
  return x;
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
