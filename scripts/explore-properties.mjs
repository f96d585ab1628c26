#!/usr/bin/env node
// Explores the property tests beyond their pinned seed (test/setup/fast-check-seed.ts): runs every
// test file that uses fast-check once per seed and prints the seeds that fail, with the command that
// reproduces each. `npm run explore -- --from 1 --rounds 20` (defaults: from 1, 10 rounds); seeds are
// consecutive integers so an exploration can be repeated and continued. Exit 1 when any seed fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { from: { type: 'string', default: '1' }, rounds: { type: 'string', default: '10' } },
});
const from = Number(values.from);
const rounds = Number(values.rounds);
if (!Number.isInteger(from) || !Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--from and --rounds take integers (rounds >= 1), got ${values.from} and ${values.rounds}`);

// the files whose tests draw from fast-check (git grep: tracked files only, in a stable order)
const files = execFileSync('git', ['grep', '-l', 'fast-check', '--', 'test/**/*.test.ts'], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const failed = [];
for (let seed = from; seed < from + rounds; seed++) {
  const r = spawnSync('npx', ['vitest', 'run', '--reporter=dot', ...files], {
    env: { ...process.env, FC_SEED: String(seed) },
    encoding: 'utf8',
  });
  const ok = r.status === 0;
  console.log(`seed ${seed}: ${ok ? 'passed' : 'FAILED'}`);
  if (!ok) {
    failed.push(seed);
    console.log(
      r.stdout
        .split('\n')
        .filter((l) => /FAIL|Counterexample|seed|AssertionError|Error:/.test(l))
        .join('\n'),
    );
  }
}
console.log(`${files.length} property files, ${rounds} seeds (${from}..${from + rounds - 1}): ${failed.length} failed`);
for (const seed of failed) console.log(`  reproduce: FC_SEED=${seed} npx vitest run ${files.join(' ')}`);
process.exitCode = failed.length > 0 ? 1 : 0;
