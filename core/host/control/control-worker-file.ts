import { join } from 'node:path';
import { LONG_LIVED_THREAD_LIMITS } from '../../threads/young-generation';

/** The control thread's script (control-worker.ts), started by ControlThread.spawn, or early (prestartWorker). */
export const CONTROL_WORKER_FILE = join(__dirname, 'control-worker.js');
/** Its resource limits: a long-lived, allocating thread. */
export const CONTROL_WORKER_LIMITS = LONG_LIVED_THREAD_LIMITS;
