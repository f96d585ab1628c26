#!/usr/bin/env node
// The `firstwall` bin: runs the compiled CLI in dist/ (`npm run build`; `npm install` builds it as
// `prepare`). Plain Node, no TypeScript loader; `npm run firstwall -- <command>` runs the sources.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli/main.js')) throw e;
  process.stderr.write('firstwall: dist/ is missing: run `npm run build` (npm install runs it) first\n');
  process.exit(1);
}
cli.main(process.argv.slice(2), cli.processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`firstwall: internal error: ${e?.stack ?? e}\n`);
    process.exitCode = 1;
  },
);
