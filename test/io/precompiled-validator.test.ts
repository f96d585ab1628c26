// Validators compiled at build time (src/io/precompiled-validator.ts) must be indistinguishable
// from the ones compiled at start-up: same verdict, same errors (with the schema excerpts verbose
// mode carries), same defaults written into the document; and a stale or foreign file is ignored.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import {
  newAjvFor,
  precompiledValidator,
  validatorSource,
  type ValidatorSpec,
} from '../../src/io/precompiled-validator.ts';
import { SCENARIO_VALIDATOR } from '../../src/scenario/schema.ts';
import { CALIBRATION_VALIDATOR, DEFAULT_CALIBRATION_PATH } from '../../src/workload/calibrated.ts';

const dir = mkdtempSync(join(tmpdir(), 'fw-precompiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The spec with its precompiled file in the temp folder, written as the build writes it. */
function built(spec: ValidatorSpec, name: string): ValidatorSpec {
  const moved = { ...spec, precompiled: pathToFileURL(join(dir, `${name}.gen.cjs`)) };
  writeFileSync(moved.precompiled, validatorSource(moved));
  return moved;
}

const clone = <T>(x: T): T => structuredClone(x);

const compiledNow = new Map<string, ValidateFunction>();
const compiled = (spec: ValidatorSpec, text: string): ValidateFunction => {
  const key = spec.schema.href;
  if (!compiledNow.has(key)) compiledNow.set(key, newAjvFor(spec).compile(JSON.parse(text) as object));
  return compiledNow.get(key)!;
};

/** Runs both validators on copies of doc; returns what each said and what it did to the copy. */
function both(spec: ValidatorSpec, doc: unknown) {
  const text = readFileSync(spec.schema, 'utf8');
  const pre = precompiledValidator(spec, text)!;
  const now = compiled(spec, text);
  const a = clone(doc),
    b = clone(doc);
  return {
    pre: { ok: pre(a), errors: pre.errors ?? null, doc: a },
    now: { ok: now(b), errors: now.errors ?? null, doc: b },
  };
}

const baseline = parse(readFileSync('scenarios/baseline-2025.yaml', 'utf8')) as Record<string, any>;

/** A valid scenario and careless variants of it: each breaks a different keyword of the schema. */
const scenarios: [string, unknown][] = [
  ['valid', baseline],
  ['wrong type', { ...baseline, name: 42 }],
  ['unknown key', { ...baseline, horizon: { ...baseline.horizon, stpe_years: 1 } }],
  ['out of range', { ...baseline, horizon: { ...baseline.horizon, step_years: 0.00001 } }],
  ['missing required', (({ sites: _s, ...rest }) => rest)(baseline)],
  ['bad array item', { ...baseline, hardware: [{ ...baseline.hardware[0], tdp_w: 'hot' }] }],
  ['not an object', [1, 2, 3]],
];

describe('precompiled scenario validator', () => {
  const spec = built(SCENARIO_VALIDATOR, 'scenario');
  for (const [what, doc] of scenarios)
    it(`agrees with the start-up compile: ${what}`, () => {
      const { pre, now } = both(spec, doc);
      expect(pre.ok).toBe(now.ok);
      expect(pre.errors).toEqual(now.errors);
      expect(pre.doc).toEqual(now.doc); // defaults applied alike
      if (what === 'valid') expect(pre.ok).toBe(true);
      else expect(pre.errors?.length ?? 0).toBeGreaterThan(0);
    });
});

describe('precompiled calibration validator', () => {
  const spec = built(CALIBRATION_VALIDATOR, 'calibration');
  const shipped = JSON.parse(readFileSync(DEFAULT_CALIBRATION_PATH, 'utf8')) as Record<string, unknown>;
  it('accepts the shipped calibration and rejects a broken one with the same errors', () => {
    expect(both(spec, shipped).pre.ok).toBe(true);
    const { pre, now } = both(spec, { ...shipped, extra: 1, schema_version: 'x' });
    expect(pre.ok).toBe(false);
    expect(pre.errors).toEqual(now.errors);
  });
});

describe('when the precompiled file does not match', () => {
  const spec = built(SCENARIO_VALIDATOR, 'stale');
  const text = readFileSync(spec.schema, 'utf8');
  it('is used for the schema text and options it was built from', () => {
    expect(precompiledValidator(spec, text)).toBeTypeOf('function');
  });
  it('is ignored when the schema changed since the build', () => {
    expect(precompiledValidator(spec, text.replace('"title"', '"title" '))).toBeUndefined();
  });
  it('is ignored when the options differ', () => {
    expect(precompiledValidator({ ...spec, options: { ...spec.options, useDefaults: false } }, text)).toBeUndefined();
  });
  it('is ignored when absent', () => {
    expect(precompiledValidator({ ...spec, precompiled: pathToFileURL(join(dir, 'none.cjs')) }, text)).toBeUndefined();
  });
});
