// `npm run fuzz -- --cases 20000 [--seed N] [--first I] [--timeout-ms T] [--memory-mb M]
// [--exclude a.yaml,b.yaml]`: the long
// fuzz run by hand (the suite runs a few hundred cases of the same generator, test/fuzz/fuzz.test.ts).
// Prints progress every 500 cases, then counts by mutation kind and outcome, then every failure;
// exits 1 if any case failed.
import { parseArgs } from 'node:util';
import { formatFailure, fuzz } from './pool.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '17' },
    first: { type: 'string', default: '0' },
    'timeout-ms': { type: 'string', default: '30000' },
    'memory-mb': { type: 'string', default: '768' },
    exclude: { type: 'string', default: '' },
  },
});
let done = 0;
const summary = await fuzz({
  seed: Number(values.seed),
  cases: Number(values.cases),
  first: Number(values.first),
  timeoutMs: Number(values['timeout-ms']),
  memoryMb: Number(values['memory-mb']),
  exclude: values.exclude ? values.exclude.split(',') : [],
  onCase: (m, o) => {
    if (o.status === 'failed') process.stdout.write(`FAIL case ${m.index}: ${m.description}\n`);
    if (++done % 500 === 0) process.stdout.write(`${done} cases\n`);
  },
});
for (const [k, n] of Object.entries(summary.counts).sort()) process.stdout.write(`${k.padEnd(28)} ${n}\n`);
for (const f of summary.failures) process.stdout.write(`\n${formatFailure(f)}\n`);
process.stdout.write(`\n${summary.failures.length} failed of ${values.cases}\n`);
process.exitCode = summary.failures.length ? 1 : 0;
