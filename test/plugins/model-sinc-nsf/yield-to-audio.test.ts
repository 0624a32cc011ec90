import { strict as assert } from 'node:assert';
import { readFileSync, readlinkSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MODEL_THREAD_NICENESS } from '../../../plugins/model-sinc-nsf/yield-to-audio';

/** The nice value of a thread of this process, from /proc (field 19 of its stat line). */
function threadNice(tid: string): number {
  return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
}

describe('model-sinc-nsf: the model thread yields to the audio path', () => {
  it('lowers only the calling thread (Linux): the worker runs nicer, the main thread is untouched', async function () {
    if (process.platform !== 'linux') this.skip();
    const mainBefore = getPriority();
    const module = join(__dirname, '../../../plugins/model-sinc-nsf/yield-to-audio.js');
    const code = `const applied = require(${JSON.stringify(module)}).yieldToAudio();
      const tid = require('node:fs').readlinkSync('/proc/thread-self').split('/').pop();
      require('node:worker_threads').parentPort.postMessage({ applied, tid });`;
    const worker = new Worker(code, { eval: true });
    const { applied, tid } = await new Promise<{ applied: boolean; tid: string }>((resolve) => worker.once('message', resolve));
    try {
      assert.equal(applied, true);
      assert.equal(threadNice(tid), MODEL_THREAD_NICENESS);
      assert.equal(getPriority(), mainBefore, 'the main thread keeps its priority');
      assert.equal(threadNice(readlinkSync('/proc/thread-self').split('/').pop()!), mainBefore);
    } finally {
      await worker.terminate();
    }
  });
});
