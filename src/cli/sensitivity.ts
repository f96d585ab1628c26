// `firstwall sensitivity <scenario.yaml>`: which uncertain inputs move the answer.
//   load -> one-at-a-time p10/p90 swings (tornado of first-wall year and of headroom at --year)
//   -> a sweep (--samples) for Spearman rank correlations with the first-wall year -> output
import { availableParallelism } from 'node:os';
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { MAX_SAMPLES, MAX_WORKERS, parseCommandArgs, parseIntOption, parseSeed } from './options.ts';
import { writeIntoFolder } from '../io/atomic/file.ts';
import { assertFinite } from '../io/finite.ts';
import { resolveOutPath } from '../io/atomic/out-path.ts';
import { runLoaded } from '../model/load-and-run.ts';
import { isWall, type Wall } from '../walls/registry.ts';
import { loadScenario } from '../scenario/load.ts';
import { aggregate } from '../montecarlo/aggregate.ts';
import { tornadoCharts } from '../charts/tornado-specs.ts';
import { EXIT_INTERRUPTED, onInterrupt } from '../montecarlo/interrupt.ts';
import { InterruptedError } from '../montecarlo/pool.ts';
import { createProgress } from '../montecarlo/progress.ts';
import { formatSensitivity } from '../montecarlo/sensitivity-format.ts';
import { oneAtATime } from '../montecarlo/sensitivity.ts';
import { runSweep, sweepInputs } from '../montecarlo/sweep.ts';

const usage = `Usage: firstwall sensitivity <scenario.yaml> [--year Y] [--wall W] [--samples N]
                            [--workers N] [--seed N] [--out DIR] [--json]
  One input at a time, each uncertain input swings from its p10 to its p90 with the others at
  their nominal values: a tornado of the first-wall year and of the headroom at year Y. Then a
  sweep of N samples gives each input's Spearman rank correlation with the first-wall year
  (samples with no wall within the horizon rank last).
  --year Y     year for the headroom tornado (default: the nominal first-wall year, else the end)
  --wall W     headroom of this wall (default: the binding wall, the least headroom)
  --samples N  samples for the rank correlations (default 1000; 0 skips them)
  --workers N  worker threads for the sweep (default: available cores)
  --out DIR    write DIR/sensitivity.json and DIR/charts/tornado-*.vl.json (atomically)
  --json       print sensitivity.json on stdout, nothing else

Example:
  firstwall sensitivity scenarios/uncertain-2025.yaml --year 2030
`;

function wallOf(raw: string | undefined): Wall | 'binding' {
  if (raw === undefined || raw === 'binding') return 'binding';
  if (!isWall(raw)) throw new UsageError(`--wall must be a wall name or "binding" (got "${raw}")`);
  return raw;
}

export const sensitivityCommand: Command = {
  name: 'sensitivity',
  summary: 'tornado of p10/p90 swings and rank correlations of each uncertain input',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      year: { type: 'string' },
      wall: { type: 'string' },
      samples: { type: 'string' },
      workers: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one scenario file');
    const wall = wallOf(values.wall);
    const samples = parseIntOption('samples', values.samples, 1000, 0, MAX_SAMPLES);
    const workers = parseIntOption('workers', values.workers, availableParallelism(), 1, MAX_WORKERS);
    const out = values.out === undefined ? undefined : resolveOutPath(values.out, '--out', 'folder', io.cwd);
    const loaded = loadScenario(positionals[0], io.cwd);
    const inputs = sweepInputs(loaded);
    if (!inputs.length) throw new UsageError(`${positionals[0]} has no distributions: nothing is uncertain`);
    const seed = parseSeed(values.seed) ?? loaded.scenario.seed ?? 1;
    const nominalRun = runLoaded(loaded, { cwd: io.cwd });
    const year =
      values.year === undefined
        ? (nominalRun.first_wall?.year ?? nominalRun.horizon.end_year)
        : parseIntOption(
            'year',
            values.year,
            0,
            Math.ceil(loaded.scenario.horizon.start_year),
            Math.floor(loaded.scenario.horizon.end_year),
          );
    const oat = oneAtATime(loaded, inputs, year, wall);
    let spearman: (number | null)[] = [];
    if (samples > 0) {
      const progress = createProgress(io.isTTY && !values.json, samples, io.stderr);
      const interrupt = onInterrupt();
      try {
        const spec = { file: positionals[0], cwd: io.cwd, seed, samples, modelSeed: 'per-sample' as const };
        const run = await runSweep(loaded, spec, [0, samples], {
          workers,
          onProgress: progress.update,
          signal: interrupt.signal,
        });
        spearman = aggregate(run.header, run.inputs, run.summaries).inputs.map((d) => d.spearman_first_wall_year);
      } catch (e) {
        if (!(e instanceof InterruptedError)) throw e;
        io.stderr(`firstwall sensitivity: ${e.message}\n`);
        return EXIT_INTERRUPTED;
      } finally {
        progress.done();
        interrupt.dispose();
      }
    }
    const result = {
      scenario: { name: loaded.scenario.name, file: positionals[0], hash: loaded.hash },
      seed,
      samples,
      ...oat,
      rows: oat.rows.map((r, k) => ({ ...r, spearman_first_wall_year: spearman[k] ?? null })),
    };
    assertFinite(result, 'the sensitivity result'); // the output boundary
    const json = JSON.stringify(result, null, 2) + '\n';
    if (out) {
      writeIntoFolder(out, 'sensitivity.json', json);
      for (const [name, spec] of Object.entries(tornadoCharts(oat)))
        writeIntoFolder(out, `charts/${name}.vl.json`, JSON.stringify(spec, null, 2) + '\n');
    }
    io.stdout(
      values.json
        ? json
        : formatSensitivity(result) +
            (values.out ? `\nWritten to ${values.out}/sensitivity.json and ${values.out}/charts/\n` : ''),
    );
    return EXIT.ok;
  },
};
