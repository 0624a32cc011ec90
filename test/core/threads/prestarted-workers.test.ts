import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { MessageChannel, type Worker } from 'node:worker_threads';
import { JobThread } from '../../../core/threads/job-thread';
import { dropPrestarted, prestartWorker, startWorker, takePrestarted } from '../../../core/threads/prestarted-workers';

const FILE = join(__dirname, 'init-echo-worker.js');
const firstMessage = (w: Worker): Promise<{ value: number; waitedMs: number; threadId: number }> => new Promise((resolve, reject) => {
  w.once('message', resolve);
  w.once('error', reject);
});
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('prestarted workers: started before their init is known, handed it later', function () {
  this.timeout(20_000);
  afterEach(() => dropPrestarted());

  it('a prestarted worker gets its init (and the ports transferred with it) as one started with it does', async () => {
    prestartWorker(FILE);
    await sleep(300); // it loads and waits for its init meanwhile
    const early = new MessageChannel();
    const taken = startWorker(FILE, { value: 7, port: early.port2 }, { transfer: [early.port2] });
    const viaPort = new Promise((resolve) => early.port1.once('message', resolve));
    try {
      const got = await firstMessage(taken);
      assert.equal(got.value, 7);
      assert.ok(got.waitedMs >= 200, `it was running before its init came (waited ${got.waitedMs} ms)`);
      assert.equal(await viaPort, 'port of 7');
    } finally {
      early.port1.close();
      await taken.terminate();
    }
    const later = new MessageChannel();
    const fresh = startWorker(FILE, { value: 8, port: later.port2 }, { transfer: [later.port2] });
    const freshPort = new Promise((resolve) => later.port1.once('message', resolve));
    try {
      const got = await firstMessage(fresh);
      assert.equal(got.value, 8, 'none prestarted: a new worker, given its init as workerData');
      assert.ok(got.waitedMs < 100, `a worker started with its init does not wait for it (${got.waitedMs} ms)`);
      assert.equal(await freshPort, 'port of 8');
    } finally {
      later.port1.close();
      await fresh.terminate();
    }
  });

  it('each prestarted worker is taken once; the next start is a new thread', async () => {
    prestartWorker(FILE);
    prestartWorker(FILE); // a second prestart of the same file starts nothing more
    const a = startWorker(FILE, { value: 1 });
    const b = startWorker(FILE, { value: 2 });
    try {
      const [ga, gb] = await Promise.all([firstMessage(a), firstMessage(b)]);
      assert.deepEqual([ga.value, gb.value], [1, 2]);
      assert.notEqual(ga.threadId, gb.threadId);
    } finally {
      await Promise.all([a.terminate(), b.terminate()]);
    }
  });

  it('a job thread takes the worker prestarted for its script: its first job is answered there', async () => {
    const file = join(__dirname, 'echo-worker.js');
    const early = prestartWorker(file);
    const jobs = new JobThread<{ op: 'echo'; value: number }, { id: number; value: number; threadId: number }>(file, 'the echo thread', () => false);
    try {
      const answer = await jobs.run({ op: 'echo', value: 5 });
      assert.equal(answer.value, 5);
      assert.equal(answer.threadId, early.threadId, 'answered on the prestarted thread');
      assert.equal(takePrestarted(file), undefined, 'taken once');
    } finally {
      await jobs.close();
    }
  });

  it('a prestarted worker nobody takes ends with dropPrestarted, and one that ended is not handed out', async () => {
    prestartWorker(FILE);
    await dropPrestarted();
    const w = startWorker(FILE, { value: 3 });
    try {
      assert.equal((await firstMessage(w)).value, 3, 'a new worker in place of the dropped one');
    } finally {
      await w.terminate();
    }
  });
});
