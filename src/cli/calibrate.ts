// `firstwall calibrate`: run the micro-MoE (the shipped trained weights by default) on the shipped
// corpus, print the measured tables and write the calibration JSON atomically (FILE.tmp-<pid>,
// then rename). Same config, weights and flags → byte-identical file; the default flags regenerate
// scenarios/calibrations/micro-moe-default.json.
import { writeFileAtomic } from '../io/atomic/file.ts';
import { assertFinite } from '../io/finite.ts';
import { resolveOutPath } from '../io/atomic/out-path.ts';
import { resolve } from 'node:path';
import { buildCalibration, serializeCalibration } from '../calibrate/calibration.ts';
import { measure } from '../calibrate/run.ts';
import { chooseWeights, SHIPPED_WEIGHTS_NAME } from '../calibrate/weights-source.ts';
import { formatCalibration } from '../calibrate/table.ts';
import { DEFAULT_CONFIG, loadConfig } from '../moe/config.ts';
import { EXIT, type Command } from './command.ts';
import { UsageError } from '../io/errors.ts';
import { parseCommandArgs, parseIntOption, parseNumberList } from './options.ts';

/** Decode tokens per batch size: 4 default batch sizes x 1,024 = 4,096 decode tokens (issue 4 target). */
export const DEFAULT_TOKENS = 1024;
/** Batch sizes from single-stream decode to a large serving batch (issue 4). */
export const DEFAULT_BATCHES = [1, 8, 64, 512];

const usage = `Usage: firstwall calibrate [--config micro.yaml] [--weights FILE|seeded] [--tokens N] [--batch 1,8,64,512] --out FILE [--quiet]
  Runs the micro-MoE on the shipped corpus: prefill, then decode N tokens at each batch size.
  Prints FLOPs per token by component, HBM bytes and arithmetic intensity by batch size,
  all-to-all bytes per MoE layer and router statistics per mechanism; writes the calibration JSON
  (schemas/calibration.schema.json, which records the weights measured) to FILE.
  --config   micro-MoE config YAML (any subset of the defaults in src/moe/config.ts)
  --weights  a weights manifest (.json) or binary (.bin) written by \`firstwall train --weights\`, or
             "seeded" for untrained weights; default: the shipped trained weights
             (${SHIPPED_WEIGHTS_NAME}) when the config has their shape, else seeded
  --tokens   decode tokens per batch size (default ${DEFAULT_TOKENS})
  --batch    comma-separated batch sizes in tokens per step (default ${DEFAULT_BATCHES.join(',')})
  --out      output file (required)
  --quiet    do not print the tables`;

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: 'measure the micro-MoE and write the calibration the memory and network walls use',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      config: { type: 'string' },
      tokens: { type: 'string' },
      batch: { type: 'string' },
      weights: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.out === undefined) throw new UsageError('--out FILE is required');
    const tokens = parseIntOption('tokens', values.tokens, DEFAULT_TOKENS);
    const batches = parseNumberList('batch', values.batch, DEFAULT_BATCHES);
    const out = resolveOutPath(values.out, '--out', 'file', io.cwd);
    const bad = batches.find((b) => !Number.isInteger(b) || b < 1 || b > 65536);
    if (bad !== undefined) throw new UsageError(`--batch sizes must be integers in [1, 65536] (got ${bad})`);
    const config = values.config === undefined ? DEFAULT_CONFIG : loadConfig(resolve(io.cwd, values.config));
    const options = { tokens, batches };
    const { weights, info } = chooseWeights(config, values.weights, io.cwd);
    const command =
      `firstwall calibrate --tokens ${tokens} --batch ${batches.join(',')}` +
      (values.weights === undefined ? '' : ` --weights ${values.weights}`);
    const cal = buildCalibration(config, options, measure(config, options, weights), info, command);
    assertFinite(cal, 'the calibration'); // the output boundary
    writeFileAtomic(out, serializeCalibration(cal));
    if (!values.quiet) io.stdout(formatCalibration(cal));
    io.stderr(`firstwall calibrate: wrote ${values.out}\n`);
    return EXIT.ok;
  },
};
