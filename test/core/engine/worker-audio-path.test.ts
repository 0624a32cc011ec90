import assert from 'node:assert/strict';
import { createEmulatedAudioOut } from '../../../core/devices/audio-out/create-audio-out';
import { TRIGGER_RESERVE_BLOCKS, WorkerAudioPath } from '../../../core/engine/worker-audio-path';
import { MonotonicClock } from '../../../core/scheduler/monotonic-clock';
import { Scheduler } from '../../../core/scheduler/scheduler';
import { THREAD_NICENESS } from '../../../core/scheduler/thread-priority';
import { allThreadNices } from '../../helpers/thread-nice';
import { timedSleeps } from '../../helpers/thread-stalls';
import { epochNow } from '../../../core/devices/audio-out/shared-pcm-ring';
import { heldAsleep, underrunVerdict } from '../../../bench/underrun-lines';
import { MACHINE_STALL_MS } from '../../../bench/machine-stalls';
import { type MachineWitness, witnessTheMachine } from '../../helpers/machine-witness';

const BLOCK = 128;
const RATE = 22050;
const PERIOD_MS = (BLOCK * 1000) / RATE;

/**
 * The two ways blocks reach the device (see WorkerAudioPath). On credits the device runs dry
 * whenever the control thread (here, this test's) stalls for longer than the card's margin (see the
 * stall test below), and these tests share the machine with whatever runs: there each stall of this
 * thread the test saw, or of the machine, may cost one dry run, and a dry run without one is a fault. Writing the
 * device itself must never run dry, stalls of this thread or not: only a stall of the machine (the
 * virtual CPU the worker is on, seen by the probes of test/helpers/machine-witness.ts) may empty it.
 */
const MODES = [
  { name: 'the worker writes the device', shareDevice: true },
  { name: 'credits, the control thread writes the device', shareDevice: false },
] as const;

/**
 * A stall of this thread long enough to empty the card on credits: its 30 ms less the reserve
 * block and one audio period for the grant in flight, with a few ms to spare.
 */
const CREDITS_STALL_MS = 12;

/**
 * Asserts the dry runs a mode may have had. On credits, one per stall that can starve the card: a
 * stall of this thread the test saw, or a stall of the machine (the worker that fills the blocks
 * is on a virtual CPU too), each named in the message. Where the worker writes the device, none but
 * those a stall of the machine explains (`witness`).
 */
function assertDryRuns(mode: (typeof MODES)[number], r: { path: WorkerAudioPath; card: { underruns: number }; startedAt: number }, stalls: readonly number[], witness: MachineWitness): void {
  if (mode.shareDevice) return witness.assertNoFaultyXruns(r.path);
  const machine = witness.stallsSince(r.startedAt);
  const allowed = stalls.length + machine.length;
  const why = `one per stall of this thread over ${CREDITS_STALL_MS} ms (${stalls.map((s) => s.toFixed(1)).join(' ') || 'none'}) `
    + `or of the machine over ${MACHINE_STALL_MS} ms (${machine.map((s) => `${s.lateMs.toFixed(1)} on CPU ${s.cpu ?? '?'}`).join(', ') || 'none'})`;
  assert.ok(r.path.xruns <= allowed, `the device ran dry ${r.path.xruns} times (allowed ${why})`);
  assert.ok(r.card.underruns <= allowed, `the card ran dry ${r.card.underruns} times (allowed ${why})`);
}

/** The worker path on the real clock, over the emulated sound card paced like the v1 rack's (48 kHz, 30 ms). */
async function realtimeRig(shareDevice = true, listen = true, held = false) {
  const startedAt = Date.now();
  const clock = new MonotonicClock();
  const scheduler = new Scheduler(clock);
  const { audioOut, card } = createEmulatedAudioOut({ binding: 'emulated', device: 'emulated-pcm5102a', sampleRate: 48000, channels: 2, latencyMs: 30 }, { clock, maxBlockFrames: 512, record: false });
  await audioOut.open();
  const path = new WorkerAudioPath({ clock, scheduler, audioOut }, { blockSize: BLOCK, polyphony: 2, sampleRate: RATE, grainMs: 80, grainOverlap: 0.5, volume: 1, shareDevice });
  path.setRender(Float32Array.from({ length: RATE / 4 }, (_, i) => 0.5 * Math.sin(i * 0.05)), 1);
  const handed: Array<{ t: number; started: number }> = [];
  if (listen) path.onBlock((_block, info, t) => handed.push({ t, started: info.started }));
  await path.start({ held });
  scheduler.start();
  assert.equal(path.workerWritesDevice, shareDevice);
  /** Whole blocks the card has room for (as the driver counts them: resampled, with its 2-frame margin). */
  const roomBlocks = () => Math.floor((card.bufferFrames - card.bufferedFrames - 2) / (48000 / RATE) / BLOCK);
  const close = async (): Promise<void> => {
    scheduler.stop();
    await path.stop();
    await audioOut.close();
  };
  return { clock, scheduler, audioOut, card, path, handed, roomBlocks, close, startedAt };
}

/** Keeps this thread busy (a long garbage collection, a model loading on it). */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

for (const mode of MODES) describe(`WorkerAudioPath (real clock, worker thread; ${mode.name})`, function () {
  this.timeout(20000);
  const machine = witnessTheMachine();

  it('answers a trigger in the very next block handed to the driver, without waiting for an audio period', async () => {
    const r = await realtimeRig(mode.shareDevice);
    const watch = timedSleeps(r.clock, CREDITS_STALL_MS);
    try {
      await watch.sleep(300); // the card is running and its buffer topped up
      const delays: number[] = [];
      const blocksAfter: number[] = [];
      for (let i = 0; i < 24; i++) {
        await watch.sleep(37 + (i % 6) * 0.9); // triggers at every phase of the audio period
        const from = r.handed.length;
        const t = r.clock.now();
        r.path.trigger();
        await watch.sleep(2 * PERIOD_MS + 5);
        const k = r.handed.slice(from).findIndex((b) => b.started > 0);
        assert.ok(k >= 0, `trigger ${i}: a block handed over plays it`);
        blocksAfter.push(k + 1);
        delays.push(r.handed[from + k]!.t - t);
      }
      // At most one block filled before the trigger came can still be on its way; a thread the
      // machine stalled now and then may add one (this test shares the CPU with everything else).
      assert.ok(blocksAfter.filter((b) => b <= 2).length >= 20, `handed-over block that played each trigger: ${blocksAfter.join(' ')}`);
      delays.sort((a, b) => a - b);
      const median = delays[delays.length >> 1]!;
      // Waiting for the next grant would take half an audio period (2.9 ms) on average, and the
      // device's room a period more; from the reserve it is one worker wake-up and one fill.
      assert.ok(median < 1.5, `median trigger-to-handover ${median.toFixed(3)} ms (audio period ${PERIOD_MS.toFixed(2)} ms); all: ${delays.map((d) => d.toFixed(2)).join(' ')}`);
      assertDryRuns(mode, r, watch.stalls, machine.current);
    } finally {
      await r.close();
    }
  });

  it('started held, fills nothing and the card does not start until released; a trigger sent meanwhile plays then', async () => {
    const r = await realtimeRig(mode.shareDevice, true, true);
    try {
      r.path.trigger();
      await r.clock.sleep(200);
      assert.equal(r.path.blocksProduced, 0, 'no block filled while held');
      assert.equal(r.card.running, false, 'the card has not started');
      assert.equal(r.card.playedFrames, 0);
      const released = r.clock.now();
      r.path.release();
      const until = released + 500;
      while (!r.handed.some((b) => b.started > 0) && r.clock.now() < until) await r.clock.sleep(1);
      const first = r.handed.find((b) => b.started > 0);
      assert.ok(first, `the trigger sent while held plays once released (${r.handed.length} blocks handed)`);
      assert.ok(first.t - released < 2 * PERIOD_MS + 20, `release to the trigger's block: ${(first.t - released).toFixed(1)} ms`);
      await r.clock.sleep(200);
      assert.ok(r.card.running && r.card.playedFrames > 0, `the card plays (${r.card.playedFrames} frames)`);
      if (mode.shareDevice) machine.current.assertNoFaultyXruns(r.path);
    } finally {
      await r.close();
    }
  });

  it('starts only once the worker is ready: a trigger sent as start() resolves plays at once, not after the worker\'s boot', async () => {
    const r = await realtimeRig(mode.shareDevice);
    try {
      assert.notEqual(r.path.raisedPriority, undefined, 'the worker has asked for its priority by the time start() resolves');
      const t = r.clock.now();
      r.path.trigger();
      const until = t + 200;
      while (!r.handed.some((b) => b.started > 0) && r.clock.now() < until) await r.clock.sleep(1);
      const first = r.handed.find((b) => b.started > 0);
      assert.ok(first, `a block played the trigger within 200 ms of start (${r.handed.length} blocks handed)`);
      // The worker boots in 100-300 ms; ready, it answers within a wake-up and a block or two.
      assert.ok(first.t - t < 2 * PERIOD_MS + 20, `trigger-to-handover ${(first.t - t).toFixed(1)} ms right after start`);
    } finally {
      await r.close();
    }
  });

  it('keeps the device topped up to all but the reserve, so the reserve is there when a trigger comes', async () => {
    const r = await realtimeRig(mode.shareDevice);
    const watch = timedSleeps(r.clock, CREDITS_STALL_MS);
    try {
      await watch.sleep(200);
      const rooms: number[] = [];
      for (let i = 0; i < 40; i++) {
        await watch.sleep(3.3);
        rooms.push(r.roomBlocks());
      }
      assert.ok(rooms.every((b) => b >= TRIGGER_RESERVE_BLOCKS), `blocks of room seen: ${rooms.join(' ')}`);
      assert.ok(rooms.filter((b) => b <= TRIGGER_RESERVE_BLOCKS + 1).length >= rooms.length / 2, `and no more than a period's worth most of the time: ${rooms.join(' ')}`);
      assertDryRuns(mode, r, watch.stalls, machine.current);
    } finally {
      await r.close();
    }
  });
});

describe('WorkerAudioPath thread priorities (Linux)', function () {
  this.timeout(20000);

  it('the audio worker and the card clock ask for their raised priorities, and have them where the system allows', async function () {
    if (process.platform !== 'linux') this.skip();
    const r = await realtimeRig(true);
    try {
      const until = performance.now() + 2000;
      while (r.path.raisedPriority === undefined && performance.now() < until) await r.clock.sleep(5);
      assert.notEqual(r.path.raisedPriority, undefined, 'the worker reports whether it got its priority');
      const clock = r.card.clockThreadHealth;
      assert.ok(clock, 'the shared card runs its clock in a thread');
      const nices = allThreadNices();
      assert.equal(nices.includes(THREAD_NICENESS.audio), r.path.raisedPriority, `threads' nice values: ${nices.join(' ')}`);
      assert.equal(nices.includes(THREAD_NICENESS.cardClock), clock.raisedPriority, `threads' nice values: ${nices.join(' ')}`);
      await r.clock.sleep(100);
      assert.ok(clock.latestPeriodMs >= 0 && clock.latestPeriodMs < 1000, `the clock's lateness is measured: ${clock.latestPeriodMs} ms`);
    } finally {
      await r.close();
    }
  });
});

describe('WorkerAudioPath when the control thread stalls', function () {
  this.timeout(20000);
  const machine = witnessTheMachine();

  for (const mode of MODES) {
    it(`${mode.shareDevice ? 'keeps' : 'cannot keep'} the device fed through 50 ms stalls of the control thread (${mode.name})`, async () => {
      const r = await realtimeRig(mode.shareDevice);
      try {
        await r.clock.sleep(300);
        // Longer than the card's 30 ms buffer: only a writer that does not need this thread keeps up.
        for (let i = 0; i < 5; i++) {
          stall(50);
          await r.clock.sleep(100);
        }
        if (mode.shareDevice) machine.current.assertNoFaultyXruns(r.path);
        else assert.ok(r.path.xruns > 0, 'the device ran dry while this thread stalled (the reason the worker writes the device where it can)');
      } finally {
        await r.close();
      }
    });
  }
});

describe('WorkerAudioPath observers (the worker writes the device)', function () {
  this.timeout(20000);
  const machine = witnessTheMachine();

  it('keeps the output\'s levels in the worker: a meter reads them with nothing listening to the blocks', async () => {
    const r = await realtimeRig(true, false);
    try {
      await r.clock.sleep(200);
      assert.equal(r.path.levels.level, 0, 'silence before the trigger');
      r.path.trigger(); // the render: a sine at 0.5 for 250 ms
      await r.clock.sleep(100);
      const { level, peak } = r.path.levels;
      assert.ok(level > 0.25 && level < 0.5, `RMS of a 0.5 sine while it plays: ${level}`);
      assert.ok(peak > 0.45 && peak <= 0.5, `its peak: ${peak}`);
      assert.equal(r.path.levels.clipping, false);
      await r.clock.sleep(400);
      assert.equal(r.path.levels.level, 0, 'silence once the sound has ended');
      assert.ok(r.path.levels.peak < peak / 2, `the peak decays: ${r.path.levels.peak} after ${peak}`);
    } finally {
      await r.close();
    }
  });

  it('brings blocks to this thread only while something listens', async () => {
    const r = await realtimeRig(true, false);
    try {
      await r.clock.sleep(200);
      // The ring this thread empties holds 121 blocks (64 asked, rounded up to a power of two: 0.7 s):
      // stalled longer while nobody listens, the worker has published nothing to overflow it.
      stall(1000);
      await r.clock.sleep(50);
      assert.equal(r.path.unobserved, 0, 'blocks published while nothing listened');
      const seen: number[] = [];
      const stop = r.path.onBlock((_b, _i, t) => void seen.push(t));
      await r.clock.sleep(100);
      assert.ok(seen.length >= 10, `a listener is handed the blocks (${seen.length} in 100 ms)`);
      stall(1000);
      await r.clock.sleep(50);
      const overflowed = r.path.unobserved;
      assert.ok(overflowed > 0, 'while it listens, the same stall leaves blocks this thread never saw');
      stop();
      await r.clock.sleep(100);
      stall(1000);
      await r.clock.sleep(50);
      assert.equal(r.path.unobserved, overflowed, 'and nothing more published once it stopped listening');
      machine.current.assertNoFaultyXruns(r.path, 'the device, stalls of this thread or not,');
    } finally {
      await r.close();
    }
  });
});

describe('WorkerAudioPath underrun records (the worker writes the device)', function () {
  this.timeout(20000);
  const machine = witnessTheMachine();

  it('says whose an underrun was: a card left playing by a worker that stopped records it asleep since its last write, with no wake promised', async () => {
    const r = await realtimeRig(true, false);
    try {
      await r.clock.sleep(300);
      assert.deepEqual(r.path.underrunRecords(), [], `none while the worker writes (xruns ${r.path.xruns})`);
      const stoppedAt = epochNow();
      await r.path.stop(); // the card plays on what it holds (30 ms), then finds nothing written
      await r.clock.sleep(150);
      const records = r.path.underrunRecords();
      assert.equal(records.length, 1, `one underrun, then the card stays stopped: ${JSON.stringify(records)}`);
      const [u] = records;
      assert.ok(u!.dueAt > stoppedAt && u!.dueAt < stoppedAt + 60, `due within the card's buffer after the stop: ${(u!.dueAt - stoppedAt).toFixed(1)} ms`);
      assert.ok(u!.writerSilentMs !== null && u!.writerSilentMs > 10, `the worker had not written for ${u!.writerSilentMs} ms`);
      assert.ok(u!.writerAsleepMs !== null && u!.writerAsleepMs <= u!.writerSilentMs! && u!.writerAsleepMs > 10, `asleep since its last write (${u!.writerAsleepMs} ms before)`);
      assert.ok(u!.writerAwakeMs !== null && u!.writerAwakeMs > u!.writerAsleepMs!, `and not woken since (last wake ${u!.writerAwakeMs} ms before)`);
      assert.equal(u!.writerWakeByMs, null, 'a stopped writer promises no wake');
      assert.equal(heldAsleep(u!), false, 'so it is not a writer the system held asleep');
      assert.match(underrunVerdict(u!), /asleep from .* and did not wake in time$/);
      assert.ok(u!.cardLateMs >= 0 && u!.cardLateMs < 50, `the card's thread looked ${u!.cardLateMs} ms late`);
      // A worker that stopped is a fault no stall of the machine explains: the tests' witness says so.
      assert.throws(() => machine.current.assertNoFaultyXruns(r.path), /ran dry 1 times: the audio worker had not written .* \(none may come without a stall of the machine or a writer held asleep past its wake\)/);
    } finally {
      await r.close();
    }
  });
});

describe('WorkerAudioPath render slots', function () {
  this.timeout(20000);
  const machine = witnessTheMachine();

  it('plays renders written into its slots, and gets each slot back once nothing reads it', async () => {
    const r = await realtimeRig();
    try {
      const buffers = r.path.renderBuffers;
      const total = r.path.freeRenderSlots;
      let version = 1;
      const heard = new Set<number>();
      r.path.onBlock((block, info) => { if (block.some((x) => x !== 0)) heard.add(info.currentVersion); });
      // Forty renders, more than three times the slots: without slots coming back, acquire would fail.
      for (let i = 0; i < 40; i++) {
        const b = buffers.acquire(RATE / 8);
        assert.ok(b, `render ${i}: a slot is free (${r.path.freeRenderSlots} of ${total})`);
        for (let k = 0; k < b.audio.length; k++) b.audio[k] = 0.3 * Math.sin(k * 0.01 * (i + 1));
        r.path.setRender(b.audio, ++version);
        buffers.release(b.audio); // the engine is done with it: only the worker holds it now
        if (i % 4 === 0) r.path.trigger();
        await r.clock.sleep(20);
      }
      await r.clock.sleep(600); // the last voices end
      assert.ok(heard.has(version) || heard.size >= 8, `renders from slots were played (${[...heard].join(' ')})`);
      assert.equal(r.path.freeRenderSlots, total - 1, 'every slot came back but the current render\'s');
      assert.equal(buffers.acquire(RATE * 3600), undefined, 'a render longer than a slot gets no slot');
      machine.current.assertNoFaultyXruns(r.path);
    } finally {
      await r.close();
    }
  });
});
