"""The engine benchmark's workload on SimPy, for `npm run bench -- engine --vs-simpy`.

Same workload as bench/engine.ts: P processes each do S steps of: wait exp(mean 1), request a
Resource of capacity 8, hold it for exp(mean 50) (a timeout), release. Events are counted the
same way, E = 3 * P * S (two timeouts and one grant per step); SimPy also schedules a Release
event per step, which is SimPy's own overhead and is not counted. Random delays come from
Python's Mersenne Twister (seeded per stream name), so the run is statistically, not bitwise,
the same as the TypeScript one. Prints one JSON line.
"""

import argparse
import json
import random
import statistics
import sys
import time

import simpy

CAPACITY = 8  # slots of the shared resource (the workload's definition, as in bench/engine.ts)
WAIT_MEAN = 1.0  # mean think time between steps
HOLD_MEAN = 50.0  # mean holding time


def customer(env, res, wait, hold, steps):
    for _ in range(steps):
        yield env.timeout(wait.expovariate(1.0 / WAIT_MEAN))
        req = res.request()
        yield req
        yield env.timeout(hold.expovariate(1.0 / HOLD_MEAN))
        res.release(req)


def workload(processes, steps, seed=1):
    env = simpy.Environment()
    res = simpy.Resource(env, capacity=CAPACITY)
    wait = random.Random(f"{seed}/bench.engine.wait")
    hold = random.Random(f"{seed}/bench.engine.hold")
    for _ in range(processes):
        env.process(customer(env, res, wait, hold, steps))
    env.run()
    return env.now


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args(argv)
    for _ in range(args.warmup):
        workload(args.processes, args.steps)
    walls, cpus = [], []
    end = 0.0
    for _ in range(args.repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        end = workload(args.processes, args.steps)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    events = 3 * args.processes * args.steps
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(
        json.dumps(
            {
                "simpy_version": getattr(simpy, "__version__", "unknown"),
                "python": sys.version.split()[0],
                "events": events,
                "seconds": round(wall, 4),
                "events_per_s": round(events / wall),
                "best_events_per_s": round(events / min(walls)),
                "cpu_events_per_s": round(events / cpu),
                "repeats": args.repeats,
                "sim_end_time": end,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
