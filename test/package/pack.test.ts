// The package as a user gets it: `npm pack` (which builds dist/ through `prepare`), the tarball
// installed into a scratch project with only the production dependencies (offline: npm ci from a
// lockfile made of this repository's pins, so every tarball comes from the npm cache), then plain
// Node with no TypeScript loader imports `firstwall` and runs the `firstwall` bin.
// `npm pack` runs in a copy of the checkout made inside it (so node_modules resolves as usual), so
// its rebuild never replaces the checkout's dist/ while other test files run the built bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../cli/helpers.ts';

const ROOT = resolve('.');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
};
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SCENARIO = 'node_modules/firstwall/scenarios/baseline-2025.yaml';

let tmp = '';
let copy = '';
let proj = '';
let packed: string[] = [];

function npm(args: string[], cwd: string): string {
  return execFileSync(NPM, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A lockfile for a project that depends on the tarball: the tarball plus this repo's non-dev pins. */
function scratchLock(tgz: string): object {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
    packages: Record<string, { dev?: boolean; link?: boolean }>;
  };
  const integrity =
    'sha512-' +
    createHash('sha512')
      .update(readFileSync(join(tmp, tgz)))
      .digest('base64');
  const packages: Record<string, object> = {
    '': { name: 'scratch', version: '1.0.0', dependencies: { firstwall: `file:../${tgz}` } },
    'node_modules/firstwall': {
      version: pkg.version,
      resolved: `file:../${tgz}`,
      integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [k, v] of Object.entries(lock.packages)) if (k && !v.dev && !v.link) packages[k] = v;
  return { name: 'scratch', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

/** What `npm pack` may see of the checkout: all but .git, node_modules, dist/ (the copy builds its
 * own), tarballs, temporary files (this copy among them) and reports/ outputs (another test writes
 * screenshots there while this one copies; its README stays). */
function copied(src: string): boolean {
  const rel = relative(ROOT, src);
  if (['.git', 'node_modules', 'dist'].includes(rel) || /\.tgz$|(^|\/)\.firstwall-tmp-/.test(rel)) return false;
  return !rel.startsWith('reports/') || rel === 'reports/README.md';
}

/** A copy of the checkout to pack, inside it (git-ignored), so the build and `npm pack` find the
 * checkout's node_modules exactly as they do in the checkout itself. */
function checkoutCopy(): string {
  copy = mkdtempSync(join(ROOT, '.firstwall-tmp-pack-'));
  for (const name of readdirSync(ROOT))
    if (copied(join(ROOT, name))) cpSync(join(ROOT, name), join(copy, name), { recursive: true, filter: copied });
  return copy;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'firstwall-pack-'));
  const out = npm(['pack', '--json', '--pack-destination', tmp], checkoutCopy());
  const info = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  packed = info[0].files.map((f) => f.path);
  proj = join(tmp, 'proj');
  mkdirSync(proj);
  const tgz = info[0].filename;
  const manifest = { name: 'scratch', version: '1.0.0', private: true, dependencies: { firstwall: `file:../${tgz}` } };
  writeFileSync(join(proj, 'package.json'), JSON.stringify(manifest));
  writeFileSync(join(proj, 'package-lock.json'), JSON.stringify(scratchLock(tgz), null, 2));
  npm(['ci', '--offline', '--no-audit', '--no-fund'], proj);
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm pack', () => {
  test('ships the build, its assets, schemas, scenarios and the license, and no tests', () => {
    for (const f of [
      'LICENSE',
      'bin/firstwall.mjs',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/index.js.map',
      'dist/cli/main.js',
      'dist/montecarlo/worker.mjs',
      'dist/moe/corpus/corpus.txt',
      'schemas/result.schema.json',
      'schemas/sweep.schema.json',
      'scenarios/calibrations/micro-moe-default.json',
    ])
      expect(packed, f).toContain(f);
    expect(packed.filter((f) => /^(test|bench|reports|node_modules|examples)\//.test(f))).toEqual([]);
  });
});

describe('the installed tarball under plain Node', () => {
  test('has no development tools to lean on (tsx, typescript, vitest)', () => {
    for (const dev of ['tsx', 'typescript', 'vitest'])
      expect(existsSync(join(proj, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(proj, 'node_modules/firstwall/dist/index.js'))).toBe(true);
  });

  test("`import { loadAndRun } from 'firstwall'` runs a scenario", () => {
    writeFileSync(
      join(proj, 'use.mjs'),
      `import { loadAndRun } from 'firstwall';\nconst r = loadAndRun(process.argv[2]);\nprocess.stdout.write(JSON.stringify(r));\n`,
    );
    const r = JSON.parse(execFileSync('node', ['use.mjs', SCENARIO], { cwd: proj, encoding: 'utf8' }));
    expect(r.firstwall_version).toBe(pkg.version);
    expect(r.scenario.file).toBe(SCENARIO);
    expect(r.first_wall.wall).toMatch(/^[a-z]+$/);
  });

  test('the bin prints the version and gives byte for byte the result of the sources', async () => {
    const bin = join(proj, 'node_modules/.bin/firstwall');
    const inPackage = join(proj, 'node_modules/firstwall');
    expect(execFileSync(bin, ['--version'], { cwd: proj, encoding: 'utf8' })).toBe(pkg.version + '\n');
    const args = ['run', 'scenarios/baseline-2025.yaml', '--json'];
    const built = execFileSync(bin, args, { cwd: inPackage, encoding: 'utf8' });
    expect(built).toBe((await runCli(args)).stdout);
  });

  test('a sweep with two workers runs the compiled worker', () => {
    const uncertain = 'node_modules/firstwall/scenarios/uncertain-2025.yaml';
    const args = ['sweep', uncertain, '--samples', '6', '--workers', '2', '--out', 'sw'];
    const r = spawnSync(join(proj, 'node_modules/.bin/firstwall'), args, { cwd: proj, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const sweep = JSON.parse(readFileSync(join(proj, 'sw/sweep.json'), 'utf8')) as { samples: number };
    expect(sweep.samples).toBe(6);
  });

  test('bad input exits 2 through the bin', () => {
    const r = spawnSync(join(proj, 'node_modules/.bin/firstwall'), ['run', 'missing.yaml'], {
      cwd: proj,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('missing.yaml:1:1: cannot read scenario: no such file\n');
  });

  test('a TypeScript consumer type-checks against the shipped declarations', () => {
    writeFileSync(
      join(proj, 'use.ts'),
      `import { loadAndRun, type RunResult } from 'firstwall';\nconst r: RunResult = loadAndRun('x.yaml');\nexport const year: number | undefined = r.first_wall?.year;\n// @ts-expect-error steps is an array, not a string\nexport const bad: string = r.steps;\n`,
    );
    const tsconfig = {
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        typeRoots: [join(ROOT, 'node_modules/@types')],
        types: ['node'],
      },
      files: ['use.ts'],
    };
    writeFileSync(join(proj, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', proj], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
