// Worker-thread entry for sweeps. Plain JS because a .ts worker entry fails under tsx on Node 20
// (ERR_UNKNOWN_FILE_EXTENSION, tsx issue #354); tsImport loads the TypeScript worker body.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { startWorker } = await tsImport('./sample-worker.ts', import.meta.url);
startWorker(parentPort, workerData);
