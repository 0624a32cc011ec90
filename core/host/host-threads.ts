import { BANK_THREAD_FILE, BANK_THREAD_MEMORY } from '../banks/bank-thread-file';
import { AUDIO_WORKER_FILE } from '../engine/audio-worker-file';
import { prestartWorker } from '../threads/prestarted-workers';
import { CONTROL_WORKER_FILE, CONTROL_WORKER_LIMITS } from './control/control-worker-file';

/**
 * Starts the threads a real-time host plays on (the control thread, the audio worker) and the bank
 * thread (the bank list is the last thing its boot waits for) before the rack is read, for a
 * command about to boot one (`start`, `run --realtime`): they load their modules on the second
 * core while this thread loads the host's. Host.boot hands them their init (the bank thread its
 * first job), or ends them when it plays without them.
 */
export function prestartHostThreads(): void {
  prestartWorker(CONTROL_WORKER_FILE, CONTROL_WORKER_LIMITS);
  prestartWorker(AUDIO_WORKER_FILE);
  prestartWorker(BANK_THREAD_FILE, BANK_THREAD_MEMORY);
}
