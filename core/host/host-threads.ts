import { AUDIO_WORKER_FILE } from '../engine/audio-worker-file';
import { prestartWorker } from '../threads/prestarted-workers';
import { CONTROL_WORKER_FILE, CONTROL_WORKER_LIMITS } from './control/control-worker-file';

/**
 * Starts the threads a real-time host plays on (the control thread, the audio worker) before the
 * rack is read, for a command about to boot one (`start`, `run --realtime`): they load their
 * modules on the second core while this thread loads the host's. Host.boot hands them their
 * init, or ends them when it plays without them.
 */
export function prestartHostThreads(): void {
  prestartWorker(CONTROL_WORKER_FILE, CONTROL_WORKER_LIMITS);
  prestartWorker(AUDIO_WORKER_FILE);
}
