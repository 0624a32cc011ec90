import { strict as assert } from 'node:assert';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { REALTIME_PRIORITY, THREAD_NICENESS, type ThreadRole } from '../../../core/scheduler/thread-priority';
import { ownTid, threadNice, threadPolicy } from '../../helpers/thread-nice';

/** Runs setThreadPriority(role) in a fresh worker thread; what it returned and the thread's id. */
async function inWorker(role: ThreadRole): Promise<{ worker: Worker; applied: boolean; tid: string }> {
  const module = join(__dirname, '../../../core/scheduler/thread-priority.js');
  const code = `const applied = require(${JSON.stringify(module)}).setThreadPriority(${JSON.stringify(role)});
    const tid = require('node:fs').readlinkSync('/proc/thread-self').split('/').pop();
    require('node:worker_threads').parentPort.postMessage({ applied, tid });
    setInterval(() => undefined, 1 << 30); // alive until terminated, so its /proc entry is there to read`;
  const worker = new Worker(code, { eval: true });
  const { applied, tid } = await new Promise<{ applied: boolean; tid: string }>((resolve) => worker.once('message', resolve));
  return { worker, applied, tid };
}

describe('thread priorities by role', () => {
  before(function () {
    if (process.platform !== 'linux') this.skip();
  });

  it('orders the roles: card clock before audio before the control thread and first chunks, before the main thread (0), before later chunks', () => {
    assert.ok(THREAD_NICENESS.cardClock < THREAD_NICENESS.audio);
    assert.ok(THREAD_NICENESS.patchCable < THREAD_NICENESS.audio, 'a replay\'s patch cables stand for the world outside: they go before the module\'s threads');
    assert.ok(THREAD_NICENESS.audio < THREAD_NICENESS.control && THREAD_NICENESS.control < 0, 'gates and CVs go before the screen and the web server');
    assert.ok(THREAD_NICENESS.audio < 0 && THREAD_NICENESS.model > 0);
    assert.ok(THREAD_NICENESS.firstChunk > THREAD_NICENESS.control && THREAD_NICENESS.firstChunk < 0 && THREAD_NICENESS.firstChunk < THREAD_NICENESS.model,
      'a first chunk goes after the control thread (a gate\'s scan must not wait out its time slice), always before the main thread and later chunks');
    assert.ok(THREAD_NICENESS.modelLoad === 0 && THREAD_NICENESS.modelLoad < THREAD_NICENESS.model && THREAD_NICENESS.modelLoad > THREAD_NICENESS.control,
      'a model loads level with the main thread (the path to playable at boot), after the audio and the control thread, and renders later at its lower priority');
  });

  for (const role of ['audio', 'cardClock', 'patchCable', 'control', 'firstChunk', 'modelLoad', 'model'] as const) {
    it(`${role}: sets only the calling thread's nice value, or reports that it could not`, async () => {
      const mainBefore = getPriority();
      const { worker, applied, tid } = await inWorker(role);
      try {
        const wanted = THREAD_NICENESS[role];
        // Lowering is always allowed; raising needs CAP_SYS_NICE (root here, rtkit or limits.conf on a module).
        if (wanted >= mainBefore) assert.equal(applied, true);
        assert.equal(threadNice(tid), applied ? wanted : mainBefore);
        assert.equal(getPriority(), mainBefore, 'the main thread keeps its priority');
        assert.equal(threadNice(ownTid()), mainBefore);
      } finally {
        await worker.terminate();
      }
    });
  }

  it('makes the control thread and the audio worker SCHED_FIFO where allowed, the control thread above, and threads they start do not inherit it', async function () {
    const module = join(__dirname, '../../../core/scheduler/thread-priority.js');
    const code = `const { parentPort, Worker } = require('node:worker_threads');
      const { setThreadPriority } = require(${JSON.stringify(module)});
      setThreadPriority('control');
      const tid = require('node:fs').readlinkSync('/proc/thread-self').split('/').pop();
      const child = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()); setInterval(() => undefined, 1 << 30)", { eval: true });
      child.once('message', (childTid) => parentPort.postMessage({ tid, childTid }));
      setInterval(() => undefined, 1 << 30);`;
    const worker = new Worker(code, { eval: true });
    // Listened for before anything else is awaited: a message posted with no listener is lost.
    const control = new Promise<{ tid: string; childTid: string }>((resolve) => worker.once('message', resolve));
    const audio = await inWorker('audio');
    const card = await inWorker('cardClock');
    try {
      const { tid, childTid } = await control;
      if (threadPolicy(tid).policy === 0) this.skip(); // no CAP_SYS_NICE, no RLIMIT_RTPRIO or no chrt here: the nice value stands
      assert.deepEqual(threadPolicy(tid), { policy: 1, rtPriority: REALTIME_PRIORITY.control }, 'SCHED_FIFO at its priority');
      assert.equal(threadNice(tid), THREAD_NICENESS.control, 'its nice value is set all the same');
      assert.equal(threadPolicy(childTid).policy, 0, 'a thread it starts (a model thread, the libuv pool) is not realtime');
      assert.deepEqual(threadPolicy(audio.tid), { policy: 1, rtPriority: REALTIME_PRIORITY.audio }, 'the audio worker is SCHED_FIFO too');
      assert.ok(REALTIME_PRIORITY.audio < REALTIME_PRIORITY.control, 'below the control thread, whose ADC conversions cannot wait out a block');
      assert.equal(threadPolicy(card.tid).policy, 0, 'the emulated card\'s clock keeps its nice value only');
      assert.equal(threadPolicy(ownTid()).policy, 0, 'the main thread is not realtime');
    } finally {
      await worker.terminate();
      await audio.worker.terminate();
      await card.worker.terminate();
    }
  });
});
