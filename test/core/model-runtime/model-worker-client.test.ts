import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ModelWorkerClient } from '../../../core/model-runtime/model-worker-client';
import { THREAD_NICENESS } from '../../../core/scheduler/thread-priority';

type Req = { op: 'init' } | { op: 'probe' } | { op: 'close' };
type Res = { init: null; probe: number; close: null };

describe('ModelWorkerClient: raising the worker before an urgent request', () => {
  before(function () {
    // Raising a priority needs CAP_SYS_NICE (root here; rtkit or limits.conf on a module).
    if (process.platform !== 'linux' || process.getuid?.() !== 0) this.skip();
  });

  it('a request sent with `raise` finds its worker already at that priority; the worker then goes back to rest, and one sent without finds it resting', async () => {
    const client = await ModelWorkerClient.start<Req, Res>({ file: join(__dirname, 'priority-worker.js'), init: { op: 'init' } });
    try {
      assert.equal(await client.request({ op: 'probe' }), THREAD_NICENESS.model, 'a loaded worker rests at the model\'s priority');
      assert.equal(await client.request({ op: 'probe' }, [], 'urgentChunk'), THREAD_NICENESS.urgentChunk, 'raised before it was told');
      assert.equal(await client.request({ op: 'probe' }), THREAD_NICENESS.model, 'and back at rest after it');
    } finally {
      await client.dispose();
    }
  });
});
