import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { THREAD_NICENESS } from '../../../core/scheduler/thread-priority';

/**
 * Runs a ModelThreadPriority through a model thread's life in a worker thread (nice values belong
 * to a thread on Linux: the test's own thread keeps its priority) and reads the thread's nice value
 * after each step.
 */
async function lifeInWorker(booting: boolean): Promise<Record<string, number>> {
  const module = join(__dirname, '../../../core/model-runtime/model-thread-priority.js');
  const code = `const { getPriority } = require('node:os');
    const { ModelThreadPriority } = require(${JSON.stringify(module)});
    const p = new ModelThreadPriority();
    const seen = {};
    p.loading(${booting}); seen.loading = getPriority(0);
    p.gate.enterFirst(); seen.firstChunkWhileLoading = getPriority(0);
    p.gate.leaveFirst(); seen.afterFirstChunkWhileLoading = getPriority(0);
    p.loaded(); seen.loaded = getPriority(0);
    p.gate.enterFirst(); seen.firstChunk = getPriority(0);
    p.gate.leaveFirst(); seen.afterFirstChunk = getPriority(0);
    p.gate.enterFirst(); p.gate.enterFirst(true); seen.urgentBesideFirst = getPriority(0);
    p.gate.leaveFirst(true); seen.firstAfterUrgent = getPriority(0);
    p.gate.leaveFirst(); seen.afterBoth = getPriority(0);
    require('node:worker_threads').parentPort.postMessage(seen);`;
  const worker = new Worker(code, { eval: true });
  try {
    return await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe('ModelThreadPriority: a model thread\'s priority from its load to its renders', () => {
  before(function () {
    // Raising a priority needs CAP_SYS_NICE (root here; rtkit or limits.conf on a module).
    if (process.platform !== 'linux' || process.getuid?.() !== 0) this.skip();
  });

  it('while the host boots: loads ahead of the control thread (its warm-up too), then renders after the main thread', async () => {
    const seen = await lifeInWorker(true);
    assert.ok(THREAD_NICENESS.modelBoot < THREAD_NICENESS.control && THREAD_NICENESS.modelBoot > THREAD_NICENESS.audio, 'a boot load goes after the audio, before the control thread');
    assert.deepEqual(seen, {
      loading: THREAD_NICENESS.modelBoot,
      firstChunkWhileLoading: THREAD_NICENESS.modelBoot, // the warm-up's first chunk is not lowered
      afterFirstChunkWhileLoading: THREAD_NICENESS.modelBoot, // nor the rest of it: the load ends with loaded()
      loaded: THREAD_NICENESS.model,
      firstChunk: THREAD_NICENESS.firstChunk,
      afterFirstChunk: THREAD_NICENESS.model,
      urgentBesideFirst: THREAD_NICENESS.urgentChunk,
      firstAfterUrgent: THREAD_NICENESS.firstChunk,
      afterBoth: THREAD_NICENESS.model,
    });
  });

  it('while the module plays: loads level with the main thread, after the control thread', async () => {
    const seen = await lifeInWorker(false);
    assert.deepEqual(seen, {
      loading: THREAD_NICENESS.modelLoad,
      firstChunkWhileLoading: THREAD_NICENESS.firstChunk,
      afterFirstChunkWhileLoading: THREAD_NICENESS.modelLoad,
      loaded: THREAD_NICENESS.model,
      firstChunk: THREAD_NICENESS.firstChunk,
      afterFirstChunk: THREAD_NICENESS.model,
      urgentBesideFirst: THREAD_NICENESS.urgentChunk,
      firstAfterUrgent: THREAD_NICENESS.firstChunk,
      afterBoth: THREAD_NICENESS.model,
    });
  });

  it('a lane that writes only first chunks rests at their priority, an urgent chunk still raises it, and `model` puts it back', async () => {
    const module = join(__dirname, '../../../core/model-runtime/model-thread-priority.js');
    const code = `const { getPriority } = require('node:os');
      const { ModelThreadPriority } = require(${JSON.stringify(module)});
      const p = new ModelThreadPriority();
      const seen = {};
      p.loading(false); p.loaded();
      p.restAt('firstChunk'); seen.resting = getPriority(0);
      p.gate.enterFirst(true); seen.urgent = getPriority(0);
      p.restAt('model'); seen.toldWhileUrgent = getPriority(0);
      p.gate.leaveFirst(true); seen.afterUrgent = getPriority(0);
      p.restAt('urgentChunk'); seen.keptForUrgent = getPriority(0);
      p.gate.enterFirst(); p.gate.leaveFirst(); seen.afterFirst = getPriority(0);
      require('node:worker_threads').parentPort.postMessage(seen);`;
    const worker = new Worker(code, { eval: true });
    try {
      const seen = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      assert.deepEqual(seen, {
        resting: THREAD_NICENESS.firstChunk,
        urgent: THREAD_NICENESS.urgentChunk,
        toldWhileUrgent: THREAD_NICENESS.urgentChunk, // the chunk under way keeps its priority
        afterUrgent: THREAD_NICENESS.model,
        keptForUrgent: THREAD_NICENESS.urgentChunk,
        afterFirst: THREAD_NICENESS.urgentChunk, // a first chunk there never lowers it
      });
    } finally {
      await worker.terminate();
    }
  });

  it('an urgent first chunk (a voice waits for it) runs ahead of other first chunks, still after the control thread', () => {
    assert.ok(THREAD_NICENESS.control < THREAD_NICENESS.urgentChunk && THREAD_NICENESS.urgentChunk < THREAD_NICENESS.firstChunk);
  });
});
