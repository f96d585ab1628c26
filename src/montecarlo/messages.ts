// Every user-visible message of the Monte Carlo part (distributions, sweeps, shards, merge), in one
// place so tests assert exact texts. Positioned problems read `file:line:col: /pointer ...`.

export const mcMsg = {
  sampleInvalid: (where: string, label: string, detail: string) =>
    `${where}: ${label} is outside the scenario schema: ${detail} (narrow or truncate the distribution)`,
  shardSpec: (raw: string) => `--shard must be i/n with 0 <= i < n (got "${raw}")`,
  shardIndexMissing: () =>
    '--shards N needs the shard index: give --shard i/n, or set JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm array)',
  shardEnv: (name: string, raw: string, n: number) => `${name}="${raw}" is not a shard index in 0..${n - 1}`,
  shardUnreadable: (file: string, reason: string) => `${file}: cannot read shard: ${reason}`,
  shardMismatch: (file: string, field: string) =>
    `${file}: shard does not belong to the same sweep as the first shard (${field} differs)`,
  shardDuplicate: (file: string, index: number) => `${file}: sample ${index} is also in another shard`,
  shardMissing: (count: number, first: number) =>
    `shards are incomplete: ${count} sample(s) missing (first: sample ${first})`,
  interrupted: () => 'interrupted: workers stopped, nothing written',
} as const;
