import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { CLOSE_GRACE_MS, JobThread } from '../../../core/threads/job-thread';

type Job = { op: 'echo' | 'steps' | 'die' | 'hang' | 'hog' | 'slow'; value?: number; flag?: Int32Array };
type Message = { id: number; value?: number; step?: number; threadId?: number };

describe('JobThread', () => {
  let thread: JobThread<Job, Message>;
  beforeEach(() => (thread = new JobThread<Job, Message>(join(__dirname, 'echo-worker.js'), 'the echo thread', (m) => m.step !== undefined)));
  afterEach(() => thread.close());

  it('answers each job with its own message, updates going to the job that asked', async () => {
    const steps: number[] = [];
    const [a, b, c] = await Promise.all([
      thread.run({ op: 'echo', value: 1 }),
      thread.run({ op: 'steps', value: 2 }, [], (m) => steps.push(m.step!)),
      thread.run({ op: 'echo', value: 3 }),
    ]);
    assert.deepEqual([a.value, b.value, c.value], [1, 2, 3]);
    assert.deepEqual(steps, [1, 2, 3]);
    assert.equal(a.threadId, c.threadId, 'one thread for all');
    assert.equal(thread.inFlight, 0);
  });

  it('rejects the jobs of a thread that died with NR_INTERNAL naming it, and starts a new one for the next job', async () => {
    const first = await thread.run({ op: 'echo', value: 0 });
    const settled = await Promise.allSettled([thread.run({ op: 'hang' }), thread.run({ op: 'die' })]);
    for (const s of settled) {
      assert.equal(s.status, 'rejected');
      const err = (s as PromiseRejectedResult).reason as unknown;
      assert.ok(err instanceof NeurorackError && err.code === 'NR_INTERNAL' && /the echo thread stopped \(exit 3\)/.test(err.message), String(err));
    }
    const next = await thread.run({ op: 'echo', value: 5 });
    assert.equal(next.value, 5);
    assert.notEqual(next.threadId, first.threadId, 'a new thread');
  });

  it('fails a job that runs past the memory budget with NR_WORK_TOO_LARGE, the jobs behind it with NR_INTERNAL, and goes on', async () => {
    const limited = new JobThread<Job, Message>(join(__dirname, 'echo-worker.js'), 'the echo thread', () => false, { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 });
    try {
      const settled = await Promise.allSettled([limited.run({ op: 'hog' }), limited.run({ op: 'echo', value: 1 })]);
      const [hog, behind] = settled.map((s) => (s as PromiseRejectedResult).reason as NeurorackError);
      assert.equal(hog?.code, 'NR_WORK_TOO_LARGE', String(hog));
      assert.match(hog!.message, /the echo thread ran out of its memory budget \(24 MB of heap\)/);
      assert.equal(behind?.code, 'NR_INTERNAL', String(behind));
      assert.equal((await limited.run({ op: 'echo', value: 2 })).value, 2);
    } finally {
      await limited.close();
    }
  });

  it('lets the job under way end before it stops the thread (a thread stopped inside a native call can abort the process)', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const running = assert.rejects(thread.run({ op: 'slow', value: 200, flag }), /the echo thread was closed/);
    while (Atomics.load(flag, 0) === 0) await new Promise((r) => setTimeout(r, 2));
    const asked = performance.now();
    await thread.close();
    await running;
    assert.equal(Atomics.load(flag, 0), 2, 'the job ran to its end');
    assert.ok(performance.now() - asked < CLOSE_GRACE_MS, 'and no longer than that');
  });

  it('stops a thread whose job outlasts the grace', async () => {
    const asked = performance.now();
    const waiting = assert.rejects(thread.run({ op: 'hang' }), /the echo thread was closed/);
    await new Promise((r) => setTimeout(r, 50));
    await thread.close();
    await waiting;
    assert.ok(performance.now() - asked >= CLOSE_GRACE_MS, 'it waited for the job');
  });

  it('rejects what waits when it is closed', async () => {
    const waiting = assert.rejects(thread.run({ op: 'hang' }), /the echo thread was closed/);
    await new Promise((r) => setTimeout(r, 50));
    await thread.close();
    await waiting;
  });
});
