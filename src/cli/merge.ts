// `firstwall merge shard-*.json --out DIR`: combines the shard files of one sweep into exactly the
// result the unsharded `sweep --out DIR` writes (byte-identical files), after checking that the
// shards belong to the same sweep and cover every sample once.
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs } from './options.ts';
import { readShards } from '../montecarlo/shard-file.ts';
import { finishSweep } from './sweep-finish.ts';
import { resolveOutPath } from '../io/atomic/out-path.ts';

const usage = `Usage: firstwall merge <shard.json>... [--out DIR] [--json]
  Combines the shard files written by \`firstwall sweep --shard i/n\` (or --shards n) into the
  sweep result: DIR/sweep.json and DIR/charts/*.vl.json, byte-identical to an unsharded sweep with
  the same seed and samples. Fails if shards are missing, overlap or come from different sweeps.
  --out DIR  write the result there (atomically)
  --json     print sweep.json on stdout, nothing else

Example:
  firstwall merge reports/uncertain/shard-*.json --out reports/uncertain
`;

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'combine sweep shard files into the result of the unsharded sweep',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length === 0) throw new UsageError('expected at least one shard file');
    const out = values.out === undefined ? undefined : resolveOutPath(values.out, '--out', 'folder', io.cwd);
    const run = readShards(positionals);
    finishSweep(run, out, values.out, values.json, 'the merged sweep result', io);
    return EXIT.ok;
  },
};
