// Benchmark runner: `npm run bench` runs every registered benchmark, `npm run bench -- <name> ...`
// runs one with its own flags. Each prints exactly one JSON line.
// Invariant: registering a benchmark is one line in `registry`; each module exports
// `run(args: string[]): Promise<Record<string, unknown>>`.

interface BenchModule {
  run(args: string[]): Promise<Record<string, unknown>>;
}

const registry: Record<string, () => Promise<BenchModule>> = {
  engine: () => import('./engine.ts'),
  scenario: () => import('./scenario.ts'),
  moe: () => import('./moe.ts'),
  report: () => import('./report.ts'),
  netsim: () => import('./netsim.ts'),
  sweep: () => import('./sweep.ts'),
  step: () => import('./step.ts'),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name !== undefined && !name.startsWith('-')) {
    const load = registry[name];
    if (load === undefined) {
      throw new Error(`unknown benchmark "${name}" (known: ${Object.keys(registry).join(', ')})`);
    }
    console.log(JSON.stringify(await (await load()).run(rest)));
    return;
  }
  for (const load of Object.values(registry)) console.log(JSON.stringify(await (await load()).run(argv)));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
