// The flow network's own event list: pop order (time, then insertion), the same order as one
// engine timer per event, activations batched without reordering, and the simulated layer's lower
// bound computed on first read with the figures it had when computed eagerly.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Environment } from '../../src/engine/index.ts';
import { H100_CLUSTER } from '../../src/network/cluster-shape.ts';
import { EventHeap } from '../../src/network/event-heap.ts';
import { FlowNetwork } from '../../src/network/flow-network.ts';
import { LinkLoad } from '../../src/network/lower-bound.ts';
import { hierPlan, routingSample, simulateMoeLayer, type MoeLayerInput } from '../../src/network/moe-layer.ts';
import { hierDispatch, RelayMode } from '../../src/network/all-to-all.ts';
import { buildTopology } from '../../src/network/topology.ts';
import { zipfLoads } from '../../src/network/expert-load.ts';
import { cluster, timeOf } from './helpers.ts';

describe('EventHeap', () => {
  // few distinct times, so ties (broken by seq) are common
  const ops = fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(-1)), { maxLength: 200 });
  test.prop([ops])('pops in (time, seq) order, whatever the pushes and pops interleaved', (list) => {
    const heap = new EventHeap(2); // tiny: growth is exercised too
    const ref: [number, number][] = [];
    let seq = 0;
    const popBoth = (): void => {
      ref.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const [t, s] = ref.shift()!;
      expect([heap.topTime(), heap.topSeq(), heap.topArg()]).toEqual([t, s, s * 7]);
      heap.pop();
    };
    for (const op of list) {
      if (op >= 0) {
        heap.push(op / 4, seq, seq % 4, seq * 7);
        ref.push([op / 4, seq++]);
      } else if (ref.length > 0) popBoth();
    }
    while (ref.length > 0) popBoth();
    expect(heap.size).toBe(0);
  });
});

describe('the network runs its events as one engine timer each would', () => {
  // A tree of callbacks: each schedules children at delays from a small set (ties, zero delays).
  const tree = fc.array(fc.array(fc.constantFrom(0, 0, 0.25, 1, 1e-300), { maxLength: 3 }), {
    minLength: 1,
    maxLength: 40,
  });
  const order = (children: number[][], schedule: (delay: number, fn: () => void) => void, now: () => number) => {
    const seen: string[] = [];
    let next = 0;
    const run = (id: number): void => {
      seen.push(`${id}@${now()}`);
      for (const d of children[id % children.length]) {
        const child = ++next;
        if (child < 60) schedule(d, () => run(child));
      }
    };
    schedule(0, () => run(0));
    return seen;
  };
  test.prop([tree])('after() callbacks run in (time, call order), at the engine times', (children) => {
    const env = new Environment();
    const expected = order(
      children,
      (d, fn) => env.schedule(d, fn),
      () => env.now,
    );
    env.run();
    const env2 = new Environment();
    const net = new FlowNetwork(env2, buildTopology(H100_CLUSTER));
    const got = order(
      children,
      (d, fn) => net.after(d, fn),
      () => net.now,
    );
    env2.run();
    expect(got).toEqual(expected);
  });

  test('messages sent back to back share an activation only while nothing comes between them', () => {
    // Two nodes: intra-node sends activate after the scale-up latency, inter-node ones after the
    // hop latency; alternating them (and an after() in the middle) must keep every activation time.
    const shape = cluster({ gpus: 4, gpus_per_node: 2, scale_up_latency_us: 1, hop_latency_us: 3 });
    const { net } = timeOf(
      shape,
      (n, done) => {
        n.send(0, 1, 1e3, 'up', null);
        n.send(0, 2, 1e3, 'out', null);
        n.send(1, 0, 1e3, 'up', null);
        n.after(0.5, () => n.send(3, 2, 1e3, 'up late', done));
        n.send(2, 3, 1e3, 'up', null);
        n.send(1, 3, 1e3, 'out', null);
      },
      true,
    );
    const active = Object.fromEntries(net.records.map((r) => [`${r.src}-${r.dst}`, r.active_us]));
    expect(active).toEqual({ '0-1': 1, '0-2': 3, '1-0': 1, '2-3': 1, '1-3': 3, '3-2': 1.5 });
  });
});

describe('the layer lower bound, computed when first read', () => {
  const input: MoeLayerInput = {
    cluster: { ...H100_CLUSTER, gpus: 32 },
    experts: 64,
    top_k: 4,
    d_model: 1024,
    tokens_per_gpu: 32,
    dispatch_bytes_per_element: 1 + 4 / 128,
    combine_bytes_per_element: 2,
    expert_load: zipfLoads(64, 1),
    method: 'hierarchical',
    expert_compute_us: 0,
    seed: 5,
  };
  test('equals a dry run of the same dispatch on a byte counter, read any number of times', () => {
    const r = simulateMoeLayer(input);
    const topo = buildTopology(input.cluster);
    const sink = new LinkLoad(topo);
    const s = routingSample(input, 32, 'network.moe.routing/group:0');
    const plan = hierPlan(s, input.d_model * input.dispatch_bytes_per_element);
    const dispatch = hierDispatch(sink, 0, plan, 'dispatch', () => {}, RelayMode.cutThrough);
    for (let i = 0; i < 32; i++) dispatch.enter(i);
    const b = sink.busiest();
    expect(r.dispatch_lower_bound_us).toBe(b.bound_us);
    expect(r.dispatch_busiest_link).toBe(b.link);
    expect(r.dispatch_lower_bound_us).toBe(b.bound_us);
    expect(JSON.parse(JSON.stringify(r)).dispatch_lower_bound_us).toBe(b.bound_us);
  });
});
