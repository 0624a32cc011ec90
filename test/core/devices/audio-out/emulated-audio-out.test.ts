import assert from 'node:assert/strict';
import { createEmulatedAudioOut, type AudioOutConfig } from '../../../../core/devices/audio-out/create-audio-out';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { fftPeakHz, rms, sineBlocks, zeroCrossingHz } from './signal';

const config: AudioOutConfig = { binding: 'emulated', device: 'emulated-pcm5102a', sampleRate: 48000, channels: 2, latencyMs: 30 };
const BLOCK = 256;
const BLOCK_MS = (BLOCK * 1000) / 22050;

async function opened(overrides: Partial<AudioOutConfig> = {}, pacing: 'paced' | 'unpaced' = 'paced') {
  const clock = new VirtualClock();
  const handle = createEmulatedAudioOut({ ...config, ...overrides }, { clock, pacing });
  await handle.audioOut.open();
  return { ...handle, clock };
}

describe('emulated audio out: resampling 22050 Hz to the DAC rate', () => {
  for (const rate of [48000, 44100] as const) {
    it(`keeps a 1 kHz sine at 1 kHz, its level, and the right length at ${rate} Hz`, async () => {
      const { audioOut, card } = await opened({ sampleRate: rate }, 'unpaced');
      const next = sineBlocks(1000, 22050, 0.5, BLOCK);
      const blocks = Math.ceil(22050 / BLOCK); // 87 blocks = 22272 input frames
      for (let i = 0; i < blocks; i++) assert.equal(audioOut.write(next()), true);
      const left = card.recordedChannel(0);
      const expected = (blocks * BLOCK * rate) / 22050;
      assert.ok(Math.abs(left.length - expected) <= 64, `${left.length} frames, expected ${expected} less the filter delay (< 64)`);
      const steady = left.subarray(rate / 10, left.length - 256);
      assert.ok(Math.abs(zeroCrossingHz(steady, rate) - 1000) < 0.5, `zero crossings: ${zeroCrossingHz(steady, rate)} Hz`);
      assert.ok(Math.abs(fftPeakHz(steady, rate) - 1000) < 2, `FFT peak: ${fftPeakHz(steady, rate)} Hz`);
      assert.ok(Math.abs(rms(steady) - 0.5 / Math.SQRT2) < 0.005, `rms ${rms(steady)}`);
      assert.deepEqual(card.recordedChannel(1), left, 'the mono block goes to both channels');
      assert.equal(audioOut.xruns, 0);
    });
  }

  it('joins blocks without clicks: no sample-to-sample step larger than the sine allows', async () => {
    const { audioOut, card } = await opened({}, 'unpaced');
    const next = sineBlocks(1000, 22050, 0.5, 100);
    for (let i = 0; i < 100; i++) audioOut.write(next());
    const x = card.recordedChannel(0).subarray(200);
    const maxStep = 0.5 * 2 * Math.sin((Math.PI * 1000) / 48000); // the sine's own largest step
    for (let i = 1; i < x.length; i++) assert.ok(Math.abs(x[i]! - x[i - 1]!) <= maxStep * 1.05, `step ${Math.abs(x[i]! - x[i - 1]!)} at ${i}`);
  });
});

describe('emulated audio out: a sound card paced on the clock', () => {
  it('plays at the device rate and never underruns when fed in time', async () => {
    const { audioOut, card, clock } = await opened();
    const next = sineBlocks(440, 22050, 0.3, BLOCK);
    for (let i = 0; i < 200; i++) {
      assert.equal(audioOut.write(next()), true, `block ${i} refused`);
      await clock.advance(BLOCK_MS);
    }
    assert.equal(audioOut.xruns, 0);
    const played = card.playedFrames;
    // It started at the second write (half its 1536-frame buffer filled) and plays whole 256-frame periods.
    const expected = ((clock.now() - BLOCK_MS) * 48000) / 1000;
    assert.ok(Math.abs(played - expected) <= 256, `played ${played} frames, expected ${expected.toFixed(0)}`);
  });

  it('counts one underrun per starvation episode, and restarts on the next write', async () => {
    const { audioOut, card, clock } = await opened();
    const next = sineBlocks(440, 22050, 0.3, BLOCK);
    for (let i = 0; i < 10; i++) {
      audioOut.write(next());
      await clock.advance(BLOCK_MS);
    }
    await clock.advance(100);
    assert.equal(audioOut.xruns, 1);
    assert.equal(card.running, false);
    await clock.advance(100);
    assert.equal(audioOut.xruns, 1, 'a stopped card does not keep counting');
    audioOut.write(next());
    assert.equal(card.running, false, 'waits for half its buffer before it restarts');
    audioOut.write(next());
    assert.equal(card.running, true);
    // A writer at half the needed rate starves the card again and again.
    for (let i = 0; i < 20; i++) {
      audioOut.write(next());
      await clock.advance(2 * BLOCK_MS);
    }
    assert.ok(audioOut.xruns >= 5, `${audioOut.xruns} xruns`);
    assert.equal(audioOut.health().status, 'ok');
  });

  it('refuses a block when its buffer is full (back-pressure, nothing dropped) and takes it once it has played', async () => {
    const { audioOut, clock } = await opened();
    const block = new Float32Array(BLOCK);
    let accepted = 0;
    while (audioOut.write(block)) accepted++;
    assert.ok(accepted >= 2 && accepted <= 3, `${accepted} blocks fill a 30 ms buffer`);
    assert.equal(audioOut.dropped, 0);
    assert.ok(audioOut.space() < BLOCK);
    await clock.advance(BLOCK_MS * 1.5);
    assert.ok(audioOut.space() >= BLOCK);
    assert.equal(audioOut.write(block), true);
  });

  it('goes degraded while the card is gone, drops and counts writes without throwing, and recovers', async () => {
    const { audioOut, card, clock } = await opened();
    const block = new Float32Array(BLOCK).fill(0.25);
    assert.equal(audioOut.write(block), true);
    card.disconnect();
    assert.equal(audioOut.health().status, 'degraded');
    assert.match(audioOut.health().detail, /disappeared/);
    for (let i = 0; i < 3; i++) assert.equal(audioOut.write(block), false);
    assert.equal(audioOut.dropped, 3);
    assert.equal(audioOut.space(), 0);
    await clock.advance(50);
    card.reconnect();
    assert.equal(audioOut.health().status, 'ok');
    assert.equal(audioOut.write(block), true);
    assert.match(audioOut.health().detail, /3 blocks dropped/);
  });

  it('refuses an unknown device by name with the emulated device list', async () => {
    const { audioOut } = createEmulatedAudioOut({ ...config, device: 'sndrpihifiberry' }, { clock: new VirtualClock() });
    await assert.rejects(audioOut.open(), /expected a substring of one of: "emulated-pcm5102a: PCM5102A HiFi pcm5102a-hifi-0 \(hw:0,0\)", "default"/);
  });
});
