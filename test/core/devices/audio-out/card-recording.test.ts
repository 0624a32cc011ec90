import assert from 'node:assert/strict';
import { createEmulatedAudioOut, type AudioOutConfig } from '../../../../core/devices/audio-out/create-audio-out';
import { openSharedAudioOut } from '../../../../core/devices/audio-out/shared-ring-sink';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { sineBlocks } from './signal';

const config: AudioOutConfig = { binding: 'emulated', device: 'emulated-pcm5102a', sampleRate: 48000, channels: 2, latencyMs: 30 };
const BLOCK = 128;

describe('emulated sound card: what it keeps of what it plays', function () {
  this.timeout(10000);

  it('keeps what it receives by default (tests and replays read it), and nothing once recording is off', async () => {
    const clock = new VirtualClock();
    const { audioOut, card } = createEmulatedAudioOut(config, { clock });
    await audioOut.open();
    const next = sineBlocks(440, 22050, 0.3, BLOCK);
    const play = async (ms: number) => {
      for (let t = 0; t < ms; t += 5) {
        while (audioOut.space() >= BLOCK && audioOut.write(next())) { /* fill */ }
        await clock.advance(5);
      }
    };
    assert.equal(card.keeping, true);
    await play(200);
    const kept = card.recordedFrames();
    assert.ok(kept > 48 * 150, `kept ${kept} frames`);
    card.setRecording(false);
    assert.equal(card.keeping, false);
    await play(2000);
    assert.equal(card.recordedFrames(), kept, 'nothing more is kept');
    card.setRecording(true);
    await play(100);
    assert.ok(card.recordedFrames() > kept, 'and it keeps again when asked');
    await audioOut.close();
  });

  it('a card that never records allocates no tape', async () => {
    const clock = new VirtualClock();
    const { audioOut, card } = createEmulatedAudioOut(config, { clock });
    card.setRecording(false);
    await audioOut.open();
    const next = sineBlocks(440, 22050, 0.3, BLOCK);
    for (let t = 0; t < 500; t += 5) {
      while (audioOut.space() >= BLOCK && audioOut.write(next())) { /* fill */ }
      await clock.advance(5);
    }
    assert.ok(card.playedFrames > 48 * 400);
    assert.equal(card.recorded().length, 0);
    assert.equal(card.tapeSamples, 0, 'no tape was allocated');
    await audioOut.close();
  });

  it('shared (its clock in its own thread): nothing is collected while recording is off', async () => {
    const clock = new MonotonicClock();
    const { audioOut, card } = createEmulatedAudioOut(config, { clock });
    card.setRecording(false);
    await audioOut.open();
    const writer = (await openSharedAudioOut(audioOut.share()!)).audioOut;
    const next = sineBlocks(1000, 22050, 0.5, BLOCK);
    const feed = async (ms: number) => {
      const until = clock.now() + ms;
      while (clock.now() < until) {
        while (writer.space() >= BLOCK && writer.write(next())) { /* fill */ }
        await clock.sleep(2);
      }
    };
    try {
      await feed(400);
      assert.ok(card.playedFrames > 48 * 200, `the card plays (${card.playedFrames} frames)`);
      assert.equal(card.recordedFrames(), 0, 'and keeps nothing');
      card.setRecording(true);
      await feed(300);
      assert.ok(card.recordedFrames() > 48 * 100, `recording again once asked (${card.recordedFrames()} frames)`);
    } finally {
      await audioOut.close();
    }
  });
});
