import { describe, expect, test } from 'vitest';
import { ringAllReduceUs, ringHalfUs, treeAllReduceUs } from '../../src/network/closed-form.ts';
import { ringCollective, RingKind } from '../../src/network/ring.ts';
import { treeAllReduce } from '../../src/network/tree.ts';
import { countdown } from '../../src/network/countdown.ts';
import { cluster, timeOf } from './helpers.ts';

// One GPU per node: every ring edge is a NIC-to-NIC message, alpha = hop latency, B = NIC.
const flatIb = cluster({ gpus: 8, gpus_per_node: 1, hop_latency_us: 4, scale_out_gbit_per_s: 400 });
const ib = { alpha_us: 4, bandwidth_B_per_us: 400 * 125 };

describe('single flows', () => {
  test('a message takes latency + bytes / bandwidth', () => {
    const { t_us } = timeOf(flatIb, (net, done) => net.send(0, 1, 1e6, 'x', done));
    expect(t_us).toBeCloseTo(4 + 1e6 / 50_000, 9);
  });

  test('two flows into one receiver share its port: each takes twice as long', () => {
    const { t_us } = timeOf(flatIb, (net, done) => {
      const d = countdown(2, done);
      net.send(0, 2, 1e6, 'a', d);
      net.send(1, 2, 1e6, 'b', d);
    });
    expect(t_us).toBeCloseTo(4 + 2e6 / 50_000, 9);
  });

  test('a short flow leaves and the long one speeds up to the full port (max-min over time)', () => {
    // Both share port 2 at 25,000 B/us until the 0.5 MB flow ends at 20 us of transfer; the
    // 1.5 MB flow has 1 MB left, which then drains at 50,000 B/us in 20 us more.
    const { t_us } = timeOf(flatIb, (net, done) => {
      net.send(0, 2, 0.5e6, 'short', null);
      net.send(1, 2, 1.5e6, 'long', done);
    });
    expect(t_us).toBeCloseTo(4 + 20 + 20, 9);
  });

  test('a local copy and an empty message are free', () => {
    expect(timeOf(flatIb, (net, done) => net.send(3, 3, 1e9, 'local', done)).t_us).toBe(0);
    expect(timeOf(flatIb, (net, done) => net.send(0, 3, 0, 'empty', done)).t_us).toBe(0);
  });
});

describe('ring collectives equal the alpha-beta closed form without contention', () => {
  const ranks = [0, 1, 2, 3, 4, 5, 6, 7];
  for (const bytes of [1e3, 64e6]) {
    test(`ring all-reduce of ${bytes} B on 8 ranks: T = 2(p-1)a + 2((p-1)/p) n/B`, () => {
      const { t_us } = timeOf(flatIb, (net, done) => ringCollective(net, RingKind.allReduce, ranks, bytes, done));
      expect(t_us).toBeCloseTo(ringAllReduceUs(8, bytes, ib), 6);
    });
  }

  test('reduce-scatter and all-gather take (p-1) a + ((p-1)/p) n/B', () => {
    for (const kind of [RingKind.reduceScatter, RingKind.allGather]) {
      const { t_us } = timeOf(flatIb, (net, done) => ringCollective(net, kind, ranks, 8e6, done));
      expect(t_us).toBeCloseTo(ringHalfUs(8, 8e6, ib), 6);
    }
  });

  test('inside one NVLink node the ring runs at half the bidirectional figure per direction', () => {
    const node = cluster({ gpus: 8, gpus_per_node: 8, scale_up_gb_per_s: 900, scale_up_latency_us: 1 });
    const { t_us } = timeOf(node, (net, done) => ringCollective(net, RingKind.allReduce, ranks, 64e6, done));
    expect(t_us).toBeCloseTo(ringAllReduceUs(8, 64e6, { alpha_us: 1, bandwidth_B_per_us: 450e3 }), 6);
  });

  test('eight channels over two 8-GPU nodes use eight NICs: the ring is no slower than one NIC-bound ring', () => {
    const two = cluster({ gpus: 16, gpus_per_node: 8 });
    const r = Array.from({ length: 16 }, (_, i) => i);
    const one = timeOf(two, (net, done) => ringCollective(net, RingKind.allReduce, r, 64e6, done, 1)).t_us;
    const eight = timeOf(two, (net, done) => ringCollective(net, RingKind.allReduce, r, 64e6, done, 8)).t_us;
    expect(eight).toBeLessThan(one / 4);
  });
});

describe('tree all-reduce', () => {
  test('one chunk on 3 ranks: up with two children sharing the root port, then down', () => {
    const { t_us } = timeOf(flatIb, (net, done) => treeAllReduce(net, [0, 1, 2], 1e6, done, 1));
    expect(t_us).toBeCloseTo(treeAllReduceUs(3, 1e6, ib), 6);
  });

  test('pipelining in chunks beats one chunk but not the fan-in bound 2n/B of the root port', () => {
    const one = timeOf(flatIb, (net, done) => treeAllReduce(net, [0, 1, 2, 3, 4, 5, 6], 8e6, done, 1)).t_us;
    const many = timeOf(flatIb, (net, done) => treeAllReduce(net, [0, 1, 2, 3, 4, 5, 6], 8e6, done, 16)).t_us;
    expect(one).toBeCloseTo(treeAllReduceUs(7, 8e6, ib), 6);
    expect(many).toBeLessThan(one);
    expect(many).toBeGreaterThan((2 * 8e6) / ib.bandwidth_B_per_us);
  });
});
