// Sweeps: the same seed gives the same result for any worker count and any sharding; a scenario
// without distributions gives samples equal to the single run; bad samples and shards are errors.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/io/errors.ts';
import { runScenario } from '../../src/model/run.ts';
import { WALLS } from '../../src/walls/registry.ts';
import { aggregate } from '../../src/montecarlo/aggregate.ts';
import { runSamples } from '../../src/montecarlo/pool.ts';
import { sampleModelSeed } from '../../src/montecarlo/sample.ts';
import { summarize } from '../../src/montecarlo/summary.ts';
import { runSweep } from '../../src/montecarlo/sweep.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { runCli } from '../cli/helpers.ts';

const UNCERTAIN = 'test/fixtures/sweep/uncertain-short.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'firstwall-sweep-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const spec = (file: string, samples: number, modelSeed: 'per-sample' | 'scenario' = 'per-sample') => ({
  file,
  cwd: process.cwd(),
  seed: 11,
  samples,
  modelSeed,
});
const files = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .sort();

describe('sweep determinism', () => {
  test('1 and 2 workers give identical summaries and results', async () => {
    const loaded = loadScenario(UNCERTAIN);
    const one = await runSweep(loaded, spec(UNCERTAIN, 24), [0, 24], { workers: 1 });
    const two = await runSweep(loaded, spec(UNCERTAIN, 24), [0, 24], { workers: 2 });
    const byIndex = (r: typeof one) => [...r.summaries].sort((a, b) => a.index - b.index);
    expect(byIndex(two)).toEqual(byIndex(one));
    expect(JSON.stringify(aggregate(two.header, two.inputs, two.summaries))).toBe(
      JSON.stringify(aggregate(one.header, one.inputs, one.summaries)),
    );
  });

  test('1, 3 and 7 shards merged are byte-identical to the unsharded sweep --out', async () => {
    const args = [UNCERTAIN, '--samples', '30', '--seed', '5', '--workers', '1'];
    expect((await runCli(['sweep', ...args, '--out', join(tmp, 'whole')])).code).toBe(0);
    const whole = files(join(tmp, 'whole'));
    expect(whole).toEqual(['charts/first-wall-probability.vl.json', 'charts/headroom-fan.vl.json', 'sweep.json']);
    for (const n of [1, 3, 7]) {
      const dir = join(tmp, `shards-${n}`);
      for (let i = n - 1; i >= 0; i--)
        expect((await runCli(['sweep', ...args, '--shard', `${i}/${n}`, '--out', dir])).code).toBe(0);
      const shards = readdirSync(dir)
        .filter((f) => f.startsWith('shard-'))
        .map((f) => join(dir, f));
      expect(shards).toHaveLength(n);
      const merged = join(tmp, `merged-${n}`);
      const r = await runCli(['merge', ...shards, '--out', merged]);
      expect(r.code, r.stderr).toBe(0);
      for (const f of whole)
        expect(readFileSync(join(merged, f), 'utf8'), `${n} shards: ${f}`).toBe(
          readFileSync(join(tmp, 'whole', f), 'utf8'),
        );
    }
  });

  test('the shard index comes from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID', async () => {
    const dir = join(tmp, 'env');
    const args = ['sweep', UNCERTAIN, '--samples', '4', '--workers', '1', '--shards', '2', '--out', dir];
    expect((await runCli(args, { JOB_COMPLETION_INDEX: '0' })).code).toBe(0);
    expect((await runCli(args, { SLURM_ARRAY_TASK_ID: '1' })).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['shard-0-of-2.json', 'shard-1-of-2.json']);
    const missing = await runCli(args, {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('JOB_COMPLETION_INDEX');
    const bad = await runCli(args, { SLURM_ARRAY_TASK_ID: '2' });
    expect(bad.stderr).toContain('SLURM_ARRAY_TASK_ID="2" is not a shard index in 0..1');
  });
});

describe('merge refuses incomplete or mixed shards', () => {
  test('a missing shard, a duplicate shard, and a shard of another sweep', async () => {
    const dir = join(tmp, 'bad');
    const base = ['sweep', UNCERTAIN, '--samples', '6', '--workers', '1', '--out', dir];
    for (const i of [0, 1]) await runCli([...base, '--shard', `${i}/3`]);
    const s0 = join(dir, 'shard-0-of-3.json');
    const s1 = join(dir, 'shard-1-of-3.json');
    expect((await runCli(['merge', s0, s1])).stderr).toBe(
      'shards are incomplete: 2 sample(s) missing (first: sample 4)\n',
    );
    expect((await runCli(['merge', s0, s0, s1])).stderr).toBe(`${s0}: sample 0 is also in another shard\n`);
    const other = join(tmp, 'other');
    await runCli([...base.slice(0, -1), other, '--seed', '99', '--shard', '2/3']);
    expect((await runCli(['merge', s0, s1, join(other, 'shard-2-of-3.json')])).stderr).toContain(
      'does not belong to the same sweep',
    );
    expect((await runCli(['merge', join(tmp, 'nope.json')])).code).toBe(2);
  });
});

describe('a scenario with no distributions', () => {
  const file = 'test/fixtures/valid/minimal.yaml';
  test('with --model-seed scenario, every sample equals the single run (run --seed 11)', async () => {
    const loaded = loadScenario(file);
    const single = summarize(0, runScenario(loaded, { seed: 11 }), new Float64Array(0));
    const samples = await runSamples(spec(file, 5, 'scenario'), 0, 5, { workers: 1 });
    for (const s of samples) expect({ ...s, index: 0 }).toEqual(single);
  });
  test("per sample, every sample equals the single run with that sample's model seed", async () => {
    const loaded = loadScenario(file);
    const samples = await runSamples(spec(file, 4), 0, 4, { workers: 1 });
    for (const s of samples)
      expect(s).toEqual(
        summarize(
          s.index,
          runScenario(loaded, { seed: sampleModelSeed(11, s.index, 'per-sample') }),
          new Float64Array(0),
        ),
      );
  });
});

describe('results', () => {
  test('probabilities sum to 1 and headroom quantiles are ordered', async () => {
    const loaded = loadScenario(UNCERTAIN);
    const run = await runSweep(loaded, spec(UNCERTAIN, 40), [0, 40], { workers: 1 });
    const r = aggregate(run.header, run.inputs, run.summaries);
    expect(r.first_wall.walls.map((w) => w.wall)).toEqual([...WALLS, 'none']);
    expect(r.first_wall.walls.reduce((s, w) => s + w.count, 0)).toBe(40);
    for (const w of r.first_wall.walls) expect(w.ci_low <= w.probability && w.probability <= w.ci_high).toBe(true);
    for (const h of r.headroom) for (const s of h.steps) expect(s.p5 <= s.p50 && s.p50 <= s.p95).toBe(true);
    expect(r.first_wall_year.samples_with_wall + r.first_wall_year.share_none * 40).toBeCloseTo(40, 9);
  });
  test('a sample outside the scenario schema stops the sweep with a positioned message', async () => {
    const dir = join(tmp, 'wide');
    const r = await runCli([
      'sweep',
      'test/fixtures/sweep/mfu-too-wide.yaml',
      '--samples',
      '50',
      '--workers',
      '1',
      '--out',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^test\/fixtures\/sweep\/mfu-too-wide\.yaml:5:8: sample \d+ is outside the scenario schema: \/compute\/mfu must be /,
    );
    expect(() => readdirSync(dir)).toThrow();
  });
  test('an uncertain horizon is refused', async () => {
    const r = await runCli(['sweep', 'test/fixtures/sweep/uncertain-horizon.yaml', '--samples', '2', '--workers', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/horizon/end_year cannot be uncertain in a sweep');
  });
});

test('InputError is what sample errors are', () => expect(new InputError(['x']).problems).toEqual(['x']));

test('sweep.json validates against the result definition of schemas/sweep.schema.json', async () => {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addSchema(JSON.parse(readFileSync('schemas/sweep.schema.json', 'utf8')) as object);
  const validate = ajv.getSchema('https://firstwall.dev/schemas/sweep.schema.json#/$defs/result')!;
  const r = await runCli(['sweep', UNCERTAIN, '--samples', '8', '--workers', '1', '--json']);
  expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
});

describe('bad samples', () => {
  test('the error names the lowest bad sample, the same for 1 and 2 workers', async () => {
    const file = 'test/fixtures/sweep/bad-samples.yaml';
    const loaded = loadScenario(file);
    const message = async (workers: number) => {
      try {
        await runSweep(loaded, spec(file, 120), [0, 120], { workers });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).problems.join('\n');
      }
      throw new Error('expected a bad sample');
    };
    const one = await message(1);
    expect(one).toMatch(/sample \d+ is outside the scenario schema/);
    expect(await message(2)).toBe(one);
  });
});
