// `npm run build` (and `prepare`, so `npm install` and `npm ci` build too): compiles src/ to dist/
// with tsconfig.build.json (JS + .d.ts + source maps) and copies the non-TypeScript files the code
// reads beside itself at run time (src/moe/corpus/corpus.txt, src/montecarlo/worker.mjs), then
// compiles the schema validators ahead of time (src/io/precompiled-validator.ts: about
// a second saved at the start of every command and every sweep worker).
// Invariant: dist/ holds exactly what this build made (it is removed first, so no stale modules).
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(dist, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

/** Every file under dir that tsc does not emit (anything but .ts). */
function assets(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return assets(full);
    return e.name.endsWith('.ts') ? [] : [full];
  });
}
for (const file of assets(src)) cpSync(file, join(dist, relative(src, file)));

// Validators compiled ahead of time: [compiled module, its exported ValidatorSpec].
const VALIDATORS = [
  ['scenario/schema.js', 'SCENARIO_VALIDATOR'],
  ['workload/calibrated.js', 'CALIBRATION_VALIDATOR'],
  ['result/schema.js', 'RESULT_VALIDATOR'],
];
const { validatorSource } = await import(pathToFileURL(join(dist, 'io', 'precompiled-validator.js')).href);
for (const [module, name] of VALIDATORS) {
  const spec = (await import(pathToFileURL(join(dist, module)).href))[name];
  writeFileSync(fileURLToPath(spec.precompiled), validatorSource(spec));
}
