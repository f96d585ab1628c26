// Scale-out by slicing sample indices: shard i of n runs samples [floor(i*N/n), floor((i+1)*N/n)).
// The index comes from --shard i/n, or from the batch engine's environment when only the count is
// given: JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) or SLURM_ARRAY_TASK_ID (Slurm job arrays),
// both 0-based here (use `--array=0-(n-1)` in Slurm). Invariant: the n slices partition [0, N).
import { UsageError } from '../io/errors.ts';
import { mcMsg } from './messages.ts';

export interface Shard {
  index: number;
  count: number;
}

export const SHARD_ENV = ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID'] as const;

const INT = /^\d+$/;

export function parseShard(raw: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : null;
  if (!shard || shard.count < 1 || shard.index >= shard.count) throw new UsageError(mcMsg.shardSpec(raw));
  return shard;
}

/** The shard for `--shards count`, its index read from the batch engine's environment. */
export function shardFromEnv(count: number, env: Record<string, string | undefined>): Shard {
  for (const name of SHARD_ENV) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const index = Number(raw);
    if (!INT.test(raw.trim()) || index >= count) throw new UsageError(mcMsg.shardEnv(name, raw, count));
    return { index, count };
  }
  throw new UsageError(mcMsg.shardIndexMissing());
}

export function shardRange(samples: number, s: Shard): [number, number] {
  return [Math.floor((s.index * samples) / s.count), Math.floor(((s.index + 1) * samples) / s.count)];
}

/** File name of a shard: zero-padded so that `shard-*.json` lists in order. */
export function shardFileName(s: Shard): string {
  const width = String(s.count - 1).length;
  return `shard-${String(s.index).padStart(width, '0')}-of-${s.count}.json`;
}
