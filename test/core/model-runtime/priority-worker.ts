import { getPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { ModelThreadPriority } from '../../../core/model-runtime/model-thread-priority';
import { serveModelWorker } from '../../../core/model-runtime/worker-wire';

/**
 * A stand-in model worker for the client's `raise` (model-worker-client.test.ts): it rests at the
 * model's priority once loaded; `probe` answers the nice value it was handled at, then settles back
 * to rest as a runtime's worker does after a render request.
 */
const priority = new ModelThreadPriority();
serveModelWorker<{ op: 'init' } | { op: 'probe' } | { op: 'close' }>(parentPort!, async (m) => {
  if (m.op === 'init') {
    priority.loading(false);
    priority.loaded();
    return { value: null };
  }
  if (m.op === 'close') {
    parentPort!.close();
    return { value: null };
  }
  const nice = getPriority(0);
  priority.settle();
  return { value: nice };
});
