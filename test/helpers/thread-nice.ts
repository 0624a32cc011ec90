import { readdirSync, readFileSync } from 'node:fs';
import { ownThreadId } from '../../core/scheduler/thread-priority';

/** The nice value of a thread of this process, from /proc (field 19 of its stat line). Linux only. */
export function threadNice(tid: string): number {
  return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
}

/** The calling thread's id (Linux), as /proc names it. */
export function ownTid(): string {
  return String(ownThreadId());
}

/** The nice values of all this process's threads (Linux). */
export function allThreadNices(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      return [threadNice(tid)];
    } catch {
      return []; // the thread ended while we looked
    }
  });
}

/** A thread's scheduling policy and realtime priority, from /proc (fields 41 and 40 of its stat line): 0 SCHED_OTHER, 1 SCHED_FIFO. Linux only. */
export function threadPolicy(tid: string): { policy: number; rtPriority: number } {
  const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { policy: Number(f[38]), rtPriority: Number(f[37]) };
}
