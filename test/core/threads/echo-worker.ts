import { parentPort } from 'node:worker_threads';

/**
 * A job thread for the JobThread tests: echoes, reports steps, stalls, dies or eats memory when
 * asked; `slow` works `value` ms without yielding, marking `flag` 1 when it starts and 2 when done.
 */
parentPort!.on('message', (job: { id: number; op: 'echo' | 'steps' | 'die' | 'hang' | 'hog' | 'slow'; value?: number; flag?: Int32Array }) => {
  if (job.op === 'die') process.exit(3);
  if (job.op === 'slow') {
    Atomics.store(job.flag!, 0, 1);
    for (const end = Date.now() + job.value!; Date.now() < end; );
    Atomics.store(job.flag!, 0, 2);
  }
  if (job.op === 'hog') {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i + 0.5)); // until the heap budget ends it
  }
  if (job.op === 'hang') return; // never answers
  if (job.op === 'steps') for (let step = 1; step <= 3; step++) parentPort!.postMessage({ id: job.id, step });
  parentPort!.postMessage({ id: job.id, value: job.value, threadId: require('node:worker_threads').threadId as number });
});
