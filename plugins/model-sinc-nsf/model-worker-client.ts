import { join } from 'node:path';
import { ModelWorkerClient } from 'neurorack/sdk';
import type { WorkerInit, WorkerRequest, WorkerResults } from './worker-protocol';

/** The compiled worker next to this file (dist/plugins/model-sinc-nsf/model-worker.js). */
export const MODEL_WORKER_FILE = join(__dirname, 'model-worker.js');

/** The main thread's end of one sinc-NSF model worker. */
export type SincNsfWorker = ModelWorkerClient<WorkerRequest, WorkerResults>;

/** Starts a model worker (`file`: a stand-in for tests) and builds the session there from the verified bytes. */
export function startModelWorker(init: WorkerInit, file = MODEL_WORKER_FILE): Promise<SincNsfWorker> {
  return ModelWorkerClient.start<WorkerRequest, WorkerResults>({ file, init: { op: 'init', init }, modelFile: init.file });
}
