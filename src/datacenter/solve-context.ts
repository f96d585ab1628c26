// What a coupled solve (src/datacenter/achievable.ts) sees: the sites as they stand and the models it asks.
import type { SiteFrame } from './frame.ts';
import type { RunShape } from './run-shape.ts';

export interface SolveContext {
  sites: SiteFrame[];
  training_seconds: number;
  run_share: number;
  /** Share of step time not lost to exposed communication for this run shape, network scaled
   * (`run` is refilled between calls: read it, do not keep it; likewise parallelism_flop's). */
  comm_efficiency(run: RunShape, networkScale: number): number;
  /** With a derived MFU: the most FLOP a run of this shape's generation trains at the critical
   * batch, however many accelerators it gets (undefined: no cap). */
  parallelism_flop?(run: RunShape, networkScale: number): number | undefined;
  /** FLOP the data wall permits with the token stock scaled. */
  data_flop(scale: number): number;
  /** FLOP the network wall permits with bandwidths scaled up and latencies down by `scale`; the
   * exact value is needed only when it could fall below `otherCaps` (the tighter of fleet and data). */
  network_flop(scale: number, otherCaps: number): number;
}
