import { strict as assert } from 'node:assert';
import { Scheduler } from '../../../core/scheduler/scheduler';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';

describe('Scheduler on the virtual clock', () => {
  it('runs a periodic task on a fixed grid', async () => {
    const clock = new VirtualClock();
    const s = new Scheduler(clock);
    const at: number[] = [];
    s.addPeriodic({ id: 'cv-scan', periodMs: 5, run: () => void at.push(clock.now()) });
    s.start();
    await clock.advance(21);
    assert.deepEqual(at, [0, 5, 10, 15, 20]);
    const m = s.metrics()['cv-scan']!;
    assert.equal(m.runs, 5);
    assert.equal(m.misses, 0);
    assert.equal(m.maxLatenessMs, 0);
  });

  it('runs the higher priority first when tasks are due together, and makes the other late', async () => {
    const clock = new VirtualClock();
    const s = new Scheduler(clock);
    const order: string[] = [];
    s.addPeriodic({ id: 'screen', periodMs: 10, priority: 10, run: () => { order.push('screen'); clock.spend(1); } });
    s.addAudio({ id: 'audio', periodMs: 10, run: () => { order.push('audio'); clock.spend(3); } });
    s.start();
    await clock.advance(1);
    assert.deepEqual(order, ['audio', 'screen']);
    const m = s.metrics();
    assert.equal(m['audio']!.maxLatenessMs, 0);
    assert.equal(m['screen']!.maxLatenessMs, 3, 'screen waited for the 3 ms audio block');
  });

  it('counts a miss when a run ends past its deadline, and reports max and p99 lateness', async () => {
    const clock = new VirtualClock();
    const s = new Scheduler(clock);
    let n = 0;
    // runs 5, 15, 25 ... cost 7 ms against a 5 ms deadline; the others 1 ms
    s.addAudio({ id: 'audio', periodMs: 5.8, deadlineMs: 5, run: () => { if (++n % 10 === 5) clock.spend(7); else clock.spend(1); } });
    s.addPeriodic({ id: 'led', periodMs: 50, priority: 0, run: () => undefined });
    s.start();
    await clock.advance(5.8 * 200 - 0.1);
    const audio = s.metrics()['audio']!;
    assert.equal(audio.runs, 200);
    assert.equal(audio.misses, 20, 'one miss per 7 ms run');
    assert.equal(audio.maxDurationMs, 7);
    // after a 7 ms run the next block (due 5.8 ms after the previous) starts 1.2 ms late
    assert.ok(Math.abs(audio.maxLatenessMs - 1.2) < 1e-9, `max lateness ${audio.maxLatenessMs}`);
    assert.ok(Math.abs(audio.p99LatenessMs - 1.2) < 1e-9, `p99 lateness ${audio.p99LatenessMs}`);
    assert.deepEqual(s.missesByTask(), new Map([['audio', 20], ['led', 0]]), 'the misses alone, as the screen asks for them');
  });

  it('counts periods skipped entirely as misses without shifting the grid', async () => {
    const clock = new VirtualClock();
    const s = new Scheduler(clock);
    const at: number[] = [];
    let first = true;
    s.addPeriodic({ id: 'scan', periodMs: 10, run: () => { at.push(clock.now()); if (first) { first = false; clock.spend(25); } } });
    s.start();
    await clock.advance(45);
    assert.deepEqual(at, [0, 25, 30, 40]);
    // misses: the 0 ms run ended at 25 (deadline 10), the 20 ms period never ran, the 10 ms slot ran 15 ms late
    assert.equal(s.metrics()['scan']!.misses, 3);
    assert.equal(s.metrics()['scan']!.maxLatenessMs, 15);
  });

  it('runs events in order, measures their lateness from the post, and bounds the queue', async () => {
    const clock = new VirtualClock();
    const s = new Scheduler(clock);
    const got: number[] = [];
    s.addEvent<number>({ id: 'gate', maxQueue: 3, run: (v) => void got.push(v) });
    s.start();
    s.post('gate', 1);
    s.post('gate', 2);
    await clock.advance(1);
    assert.deepEqual(got, [1, 2]);
    for (let i = 3; i <= 8; i++) s.post('gate', i);
    await clock.advance(1);
    assert.deepEqual(got, [1, 2, 6, 7, 8], 'the oldest events were dropped');
    assert.equal(s.metrics()['gate']!.misses, 3);
  });

  it('does not re-enter an async task that is still running, and counts the overrun', async () => {
    const clock = new VirtualClock();
    const s = new Scheduler(clock);
    let starts = 0;
    s.addPeriodic({ id: 'i2c', periodMs: 5, run: async () => { starts++; await clock.sleep(12); } });
    s.start();
    await clock.advance(30);
    const m = s.metrics()['i2c']!;
    assert.ok(m.overruns >= 2, `overruns ${m.overruns}`);
    assert.equal(starts, m.runs + (starts - m.runs), 'bookkeeping stays consistent');
    assert.ok(starts <= 3, `started ${starts} times in 30 ms with 12 ms runs`);
  });

  it('keeps going when a task throws, and reports the error', async () => {
    const clock = new VirtualClock();
    const errors: string[] = [];
    const s = new Scheduler(clock, (id) => errors.push(id));
    let runs = 0;
    s.addPeriodic({ id: 'bad', periodMs: 10, run: () => { throw new Error('boom'); } });
    s.addPeriodic({ id: 'good', periodMs: 10, run: () => void runs++ });
    s.start();
    await clock.advance(35);
    assert.equal(runs, 4);
    assert.equal(errors.length, 4);
    assert.equal(s.metrics()['bad']!.errors, 4);
  });

  it('flags an audio task that returns a promise', async () => {
    const clock = new VirtualClock();
    const errors: unknown[] = [];
    const s = new Scheduler(clock, (_id, e) => errors.push(e));
    s.addAudio({ id: 'audio', periodMs: 5, run: (async () => undefined) as unknown as () => void });
    s.start();
    await clock.advance(1);
    assert.equal(s.metrics()['audio']!.errors, 1);
    assert.match(String((errors[0] as Error).message), /must not await/);
  });

  it('refuses duplicate ids and periods that are not positive', () => {
    const s = new Scheduler(new VirtualClock());
    s.addPeriodic({ id: 'x', periodMs: 1, run: () => undefined });
    assert.throws(() => s.addPeriodic({ id: 'x', periodMs: 1, run: () => undefined }), /NR_TASK_DUPLICATE|already scheduled/);
    assert.throws(() => s.addPeriodic({ id: 'y', periodMs: 0, run: () => undefined }), /period > 0/);
  });
});
