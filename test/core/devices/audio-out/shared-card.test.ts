import assert from 'node:assert/strict';
import { createEmulatedAudioOut, type AudioOutConfig } from '../../../../core/devices/audio-out/create-audio-out';
import { openSharedAudioOut } from '../../../../core/devices/audio-out/shared-ring-sink';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { fftPeakHz, sineBlocks } from './signal';

const config: AudioOutConfig = { binding: 'emulated', device: 'emulated-pcm5102a', sampleRate: 48000, channels: 2, latencyMs: 30 };
const BLOCK = 128;

/** An emulated card on the real clock, shared, and the driver that writes it from the other end. */
async function sharedCard() {
  const clock = new MonotonicClock();
  const { audioOut, card } = createEmulatedAudioOut(config, { clock });
  await audioOut.open();
  const shared = audioOut.share();
  assert.ok(shared, 'an open, paced card on the real clock can be shared');
  const writer = await openSharedAudioOut(shared);
  // The card's clock runs in a thread of its own, which takes 100-300 ms to start (more on a busy
  // machine): a card starts playing only once it runs, as a real one once its DMA is set up.
  const until = clock.now() + 5000;
  while (!card.clockThreadHealth?.alive && clock.now() < until) await clock.sleep(5);
  assert.ok(card.clockThreadHealth?.alive, 'the card\'s clock thread started within 5 s');
  return { clock, audioOut, card, writer: writer.audioOut };
}

/** The longest the feeder below went between two top-ups, ms (this test's own thread, not the card's). */
let feederGapMs = 0;

/** Keeps the card topped up for `ms`, as the audio worker does. */
async function feed(clock: MonotonicClock, writer: { space(): number; write(b: Float32Array): boolean }, next: () => Float32Array, ms: number): Promise<number> {
  let written = 0;
  const until = clock.now() + ms;
  let last = clock.now();
  while (clock.now() < until) {
    feederGapMs = Math.max(feederGapMs, clock.now() - last);
    last = clock.now();
    while (writer.space() >= BLOCK && writer.write(next())) written += BLOCK;
    await clock.sleep(2);
  }
  return written;
}

describe('emulated audio out: a shared card (written from another thread, its clock in its own)', function () {
  this.timeout(10000);

  it('plays what the other end writes at the device rate, records it, and counts one underrun when the writer stops', async () => {
    const { clock, audioOut, card, writer } = await sharedCard();
    try {
      assert.equal(audioOut.space(), 0, 'this end no longer writes');
      assert.equal(audioOut.write(new Float32Array(BLOCK)), false);
      const next = sineBlocks(1000, 22050, 0.5, BLOCK);
      let written = await feed(clock, writer, next, 150);
      assert.ok(card.running, 'started once half full');
      const [t1, p1, u1] = [clock.now(), card.playedFrames, card.underruns];
      feederGapMs = 0;
      written += await feed(clock, writer, next, 300);
      const rate = ((card.playedFrames - p1) * 1000) / (clock.now() - t1);
      assert.ok(Math.abs(rate / 48000 - 1) < 0.03, `plays ${rate.toFixed(0)} frames a second`);
      // Kept topped up, the card never runs dry. One stall outside the code under test may starve
      // it on a loaded machine: this test's feeder stopping for longer than the card's buffer. It is
      // measured, and only then is an underrun excused (the card's own thread waking late is not an
      // excuse: the card keeps its time regardless, next test).
      const kept = card.underruns - u1;
      assert.ok(kept === 0 || feederGapMs >= config.latencyMs, `kept topped up: ${kept} underrun(s) while the feeder never paused more than ${feederGapMs.toFixed(1)} ms`);
      const before = card.underruns;
      await clock.sleep(80); // the writer stops: the card plays out its buffer and runs dry
      assert.equal(card.underruns, before + 1, 'one starvation episode');
      assert.equal(card.running, false, 'stopped, as ALSA does at an xrun');
      const left = card.recordedChannel(0);
      assert.ok(Math.abs(left.length - (written * 48000) / 22050) < 64, `recorded ${left.length} frames of ${(written * 48000) / 22050}`);
      assert.ok(Math.abs(fftPeakHz(left.subarray(4800), 48000) - 1000) < 2, 'the sine it was written');
    } finally {
      await audioOut.close();
    }
  });

  it('keeps its time while its own thread is frozen longer than its buffer: a writer on time loses nothing, as over a DMA engine', async () => {
    const { clock, audioOut, card, writer } = await sharedCard();
    try {
      const next = sineBlocks(1000, 22050, 0.5, BLOCK);
      let written = await feed(clock, writer, next, 150);
      assert.ok(card.running, 'started once half full');
      const [t1, p1, u1] = [clock.now(), card.playedFrames, card.underruns];
      feederGapMs = 0;
      card.freezeClockThread(100); // more than three times its 30 ms buffer
      written += await feed(clock, writer, next, 400);
      const late = card.clockThreadHealth?.latestPeriodMs ?? 0;
      assert.ok(late >= 90, `the card's thread was frozen (a period played ${late.toFixed(1)} ms after its due time)`);
      assert.ok(feederGapMs < config.latencyMs, `(this test's feeder kept up: at most ${feederGapMs.toFixed(1)} ms between top-ups)`);
      assert.equal(card.underruns - u1, 0, 'no underrun: every period was written by its due time');
      const rate = ((card.playedFrames - p1) * 1000) / (clock.now() - t1);
      assert.ok(Math.abs(rate / 48000 - 1) < 0.03, `it played ${rate.toFixed(0)} frames a second all the same`);
      await clock.sleep(60); // plays out what it holds
      const left = card.recordedChannel(0);
      assert.ok(Math.abs(left.length - (written * 48000) / 22050) < 64, `recorded ${left.length} frames of ${(written * 48000) / 22050}: nothing lost`);
      const maxStep = 0.5 * 2 * Math.sin((Math.PI * 1000) / 48000) * 1.05;
      const steady = left.subarray(4800, left.length - 2400);
      for (let i = 1; i < steady.length; i++) assert.ok(Math.abs(steady[i]! - steady[i - 1]!) <= maxStep, `a click at ${i + 4800}: the sine jumps ${Math.abs(steady[i]! - steady[i - 1]!)}`);
    } finally {
      await audioOut.close();
    }
  });

  it('refuses the writer while the card is gone, and plays again once it is back', async () => {
    const { clock, audioOut, card, writer } = await sharedCard();
    try {
      const next = sineBlocks(440, 22050, 0.3, BLOCK);
      await feed(clock, writer, next, 100);
      card.disconnect();
      await clock.sleep(15);
      assert.equal(writer.space(), 0);
      assert.equal(writer.write(next()), false);
      assert.equal(card.running, false);
      card.reconnect();
      const before = card.playedFrames;
      await feed(clock, writer, next, 100);
      assert.ok(card.running && card.playedFrames > before + 48 * 50, `plays again (${card.playedFrames - before} frames)`);
    } finally {
      await audioOut.close();
    }
  });

  it('is not shared on a virtual clock (its own thread keeps real time only)', async () => {
    const { audioOut } = createEmulatedAudioOut(config, { clock: new VirtualClock() });
    await audioOut.open();
    assert.equal(audioOut.share(), undefined);
    assert.ok(audioOut.space() > 0, 'and this end still writes it');
    await audioOut.close();
  });
});
