import { getPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { setThreadPriority, THREAD_NICENESS } from '../../scheduler/thread-priority';
import type { FollowAnswer, FollowJob } from './follow-protocol';
import { followScore } from './follow-score';

/** The follow meter's thread: extracts and scores renders so neither the audio nor the control path does. */
// Only ever lower: a host started at a nicer value than the meter's keeps its thread there.
if (getPriority(0) < THREAD_NICENESS.meter) setThreadPriority('meter');
parentPort!.on('message', (job: FollowJob) => {
  let answer: FollowAnswer;
  try {
    answer = { id: job.id, score: followScore(job.frames, job.audio) };
  } catch (err) {
    answer = { id: job.id, error: (err as Error)?.message ?? String(err) };
  }
  parentPort!.postMessage(answer);
});
