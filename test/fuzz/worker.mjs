// Worker-thread entry of the fuzzer (plain JS: a .ts worker entry fails under tsx on Node 20, as
// src/montecarlo/worker.mjs says). Runs the cases the main thread sends, one at a time.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { runCase } = await tsImport('./helpers/run-case.ts', import.meta.url);
parentPort.on('message', (mutant) => parentPort.postMessage(runCase(mutant)));
parentPort.postMessage('ready');
