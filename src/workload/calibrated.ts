// The calibrated workload profile: analytic per-token costs of the scenario's frontier shape
// (src/moe/formulas.ts, the same formulas the micro-MoE counters are tested against), corrected by
// the router factors the micro-MoE measured. How each measured factor carries over:
// - drop_fraction and mean_k: routed copies served per token = K · (mean_k / K_micro) · (1 − drop);
//   dropped copies cost no expert FLOPs, weight reads or all-to-all bytes.
// - distinct_ratio (measured distinct experts / uniform N(1−(1−K/N)^B) at the micro's batch):
//   multiplies the frontier's uniform D(B), capped at N; it sets the routed weight bytes per step.
// - remote_fraction and inter_node_fraction, each divided by its uniform-placement value on the
//   micro placement (1 − 1/G, 1 − 1/G_n), scale the frontier placement's uniform all-to-all split.
//   Copies are counted without node dedup (DeepEP low-latency convention), so the node limit moves
//   bytes only through these measured fractions.
// - imbalance, load_cv and overflow_fraction do not change the average per-token quantities; they
//   are passed on in `router` for the walls to turn into straggler time.
// Factors are interpolated linearly in log(batch) between measured batch sizes and clamped outside;
// `router` reports them at the largest measured batch. The per-token arithmetic (incl. training's
// tiled KV reads) is src/workload/training-point.ts, shared with the analytic profile.
// Invariant: every output finite and >= 0.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { loadValidator, type ValidatorSpec } from '../io/precompiled-validator.ts';
import { relative } from 'node:path';
import { InputError } from '../io/errors.ts';
import { ReadError, readTextFile } from '../io/read-limited.ts';
import { locate } from '../scenario/locate.ts';
import { pathOf } from '../scenario/schema-errors.ts';
import { parseYamlText, type YamlSource } from '../scenario/source.ts';
import type { Calibration, FactorPoint } from '../calibrate/calibration.ts';
import { activeParams, totalParams } from '../moe/formulas.ts';
import { trainingPoint } from './training-point.ts';
import type { Placement, RouterFactors, WorkloadPoint, WorkloadProfile } from './profile.ts';
import type { ModelShape } from '../moe/shape.ts';

export type { Calibration } from '../calibrate/calibration.ts';

export const CALIBRATION_SCHEMA_PATH = new URL('../../schemas/calibration.schema.json', import.meta.url);
export const DEFAULT_CALIBRATION_PATH = new URL('../../scenarios/calibrations/micro-moe-default.json', import.meta.url);

/** A calibration is a page of measured tables (the shipped one is ~40 KB); 4 MiB leaves room. */
export const MAX_CALIBRATION_BYTES = 4 * 1024 * 1024;

/** The calibration schema's validator; a build precompiles it (src/io/precompiled-validator.ts). */
export const CALIBRATION_VALIDATOR: ValidatorSpec = {
  schema: CALIBRATION_SCHEMA_PATH,
  precompiled: new URL('./calibration-validator.gen.cjs', import.meta.url),
  options: { allErrors: true, strict: true },
};

let validator: ValidateFunction | undefined;
function validate(doc: unknown, src: () => YamlSource): string[] {
  validator ??= loadValidator(CALIBRATION_VALIDATOR);
  if (validator(doc)) return [];
  return (validator.errors ?? []).map(
    (e) =>
      `${locate([src()], pathOf(e), e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined)}: ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`,
  );
}

/** `file:line:col` of a JSON.parse error (its message names a character position). */
function jsonErrorAt(file: string, text: string, e: Error): string {
  const pos = Number(/position (\d+)/.exec(e.message)?.[1] ?? 0);
  const before = text.slice(0, pos).split('\n');
  return `${file}:${before.length}:${[...before[before.length - 1]].length + 1}: ${e.message.split('\n')[0]}`;
}

/**
 * Read and validate a calibration file (a regular file of at most MAX_CALIBRATION_BYTES, strict
 * UTF-8 and JSON); problems are thrown as InputError lines `file:line:col: message`. `shown` is
 * the name used in messages.
 */
export function loadCalibration(path: string, shown = path): Calibration {
  const text = readTextFile(path, shown, { maxBytes: MAX_CALIBRATION_BYTES, what: 'calibration' });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError([jsonErrorAt(shown, text, e as Error)]);
  }
  const problems = validate(doc, () => parseYamlText(shown, text));
  if (problems.length > 0) throw new InputError(problems);
  return doc as Calibration;
}

/** A calibration's problems, told at the scenario line (`where`) that names it as `named`. */
export function calibrationProblems(where: string, named: string, e: InputError): string[] {
  if (e instanceof ReadError) return [`${where}: /calibration "${named}" cannot be read: ${e.reason}`];
  return [`${where}: /calibration "${named}" is not a usable calibration:`, ...e.problems];
}

const FACTOR_KEYS = [
  'imbalance',
  'load_cv',
  'overflow_fraction',
  'drop_fraction',
  'reroute_fraction',
  'remote_fraction',
  'inter_node_fraction',
  'distinct_ratio',
  'mean_k',
] as const;

/** Measured factors at `batch` tokens: linear in log(batch) between measured points, clamped outside. */
const sortedPoints = new WeakMap<Calibration, FactorPoint[]>();

export function factorsAt(cal: Calibration, batch: number): FactorPoint {
  let pts = sortedPoints.get(cal);
  if (!pts) {
    pts = [...cal.router_factors.by_batch].sort((a, b) => a.batch_tokens - b.batch_tokens);
    sortedPoints.set(cal, pts);
  }
  if (batch <= pts[0].batch_tokens) return withBatch(pts[0], batch);
  const last = pts[pts.length - 1];
  if (batch >= last.batch_tokens) return withBatch(last, batch);
  const hi = pts.findIndex((p) => p.batch_tokens >= batch),
    a = pts[hi - 1],
    b = pts[hi];
  const w = Math.log(batch / a.batch_tokens) / Math.log(b.batch_tokens / a.batch_tokens);
  const out = withBatch(a, batch);
  for (const k of FACTOR_KEYS) out[k] = a[k] + w * (b[k] - a[k]);
  return out;
}

/** A copy of a factor point at another batch size (an explicit literal: object spread is slow on this hot path). */
function withBatch(f: FactorPoint, batch_tokens: number): FactorPoint {
  return {
    batch_tokens,
    imbalance: f.imbalance,
    load_cv: f.load_cv,
    overflow_fraction: f.overflow_fraction,
    drop_fraction: f.drop_fraction,
    reroute_fraction: f.reroute_fraction,
    remote_fraction: f.remote_fraction,
    inter_node_fraction: f.inter_node_fraction,
    distinct_ratio: f.distinct_ratio,
    mean_k: f.mean_k,
  };
}

function routerFactors(f: FactorPoint): RouterFactors {
  return {
    imbalance: f.imbalance,
    load_cv: f.load_cv,
    overflow_fraction: f.overflow_fraction,
    drop_fraction: f.drop_fraction,
  };
}

/** Uniform-placement remote and inter-node fractions of the micro placement (the measured baseline). */
function microUniform(cal: Calibration): { remote: number; inter: number } {
  return { remote: 1 - 1 / cal.placement.devices, inter: 1 - 1 / cal.placement.nodes };
}

export function calibratedProfile(cal: Calibration, shape: ModelShape, calibration_file?: string): WorkloadProfile {
  const microK = cal.config.shape.top_k,
    base = microUniform(cal);
  const largest = Math.max(...cal.router_factors.by_batch.map((p) => p.batch_tokens));
  const at = (batch_tokens: number, placement: Placement): WorkloadPoint => {
    const f = factorsAt(cal, batch_tokens);
    return trainingPoint(shape, batch_tokens, placement, {
      k_ratio: microK > 0 ? f.mean_k / microK : 1,
      drop_fraction: f.drop_fraction,
      distinct_ratio: f.distinct_ratio,
      remote_ratio: base.remote > 0 ? f.remote_fraction / base.remote : 1,
      inter_ratio: base.inter > 0 ? f.inter_node_fraction / base.inter : 1,
    });
  };
  return {
    source: 'calibration',
    calibration_file,
    shape,
    total_params: totalParams(shape),
    active_params: activeParams(shape),
    router: routerFactors(factorsAt(cal, largest)),
    at,
  };
}

/** The calibration a scenario names (a path), or the default shipped in the repo when it names none. */
export function scenarioCalibration(path?: string, cwd?: string): { calibration: Calibration; file: string } {
  const file = path ?? fileURLToPath(DEFAULT_CALIBRATION_PATH);
  const rel = cwd === undefined ? '' : relative(cwd, file);
  const shown = rel === '' || rel.startsWith('..') ? file : rel; // as the user would type it
  return { calibration: loadCalibration(file, shown), file };
}
