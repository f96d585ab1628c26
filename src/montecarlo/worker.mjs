// Worker-thread entry for sweeps. Plain JS because a .ts worker entry fails under tsx on Node 20
// (ERR_UNKNOWN_FILE_EXTENSION, tsx issue #354). Built (dist/montecarlo/, beside sample-worker.js)
// it imports the compiled worker body; in the sources (tests, `npm run firstwall`) tsx's tsImport
// loads the TypeScript one, so tsx is needed only in development.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const compiled = new URL('./sample-worker.js', import.meta.url);
const { startWorker } = existsSync(compiled)
  ? await import(compiled.href)
  : await (await import('tsx/esm/api')).tsImport('./sample-worker.ts', import.meta.url);
startWorker(parentPort);
