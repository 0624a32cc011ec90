import { threadBundle } from '../../threads/thread-bundles';
import { LONG_LIVED_THREAD_LIMITS } from '../../threads/young-generation';

/** The control thread's script (control-worker.ts, bundled), started by ControlThread.spawn, or early (prestartWorker). */
export const CONTROL_WORKER_FILE = threadBundle('control-thread');
/** Its resource limits: a long-lived, allocating thread. */
export const CONTROL_WORKER_LIMITS = LONG_LIVED_THREAD_LIMITS;
