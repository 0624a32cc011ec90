import { parentPort } from 'node:worker_threads';

/** A job thread for the JobThread tests: echoes, reports steps, stalls or dies when asked. */
parentPort!.on('message', (job: { id: number; op: 'echo' | 'steps' | 'die' | 'hang'; value?: number }) => {
  if (job.op === 'die') process.exit(3);
  if (job.op === 'hang') return; // never answers
  if (job.op === 'steps') for (let step = 1; step <= 3; step++) parentPort!.postMessage({ id: job.id, step });
  parentPort!.postMessage({ id: job.id, value: job.value, threadId: require('node:worker_threads').threadId as number });
});
