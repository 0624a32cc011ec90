import { parentPort, type MessagePort } from 'node:worker_threads';
import { receiveInit } from '../../../core/threads/prestarted-workers';

/** A worker for the prestarted-workers tests: replies with the init it got and how (a port in it answers too). */
const loadedAt = Date.now();
receiveInit<{ value: number; port?: MessagePort }>((init) => {
  init.port?.postMessage(`port of ${init.value}`);
  parentPort!.postMessage({ value: init.value, waitedMs: Date.now() - loadedAt, threadId: require('node:worker_threads').threadId as number });
});
