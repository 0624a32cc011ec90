import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { NaudiodonPcmSink } from '../../../../core/devices/audio-out/naudiodon-pcm-sink';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { rms, zeroCrossingHz } from './signal';

/** A stand-in for the naudiodon module: a device list and a write stream that keeps the chunks. */
function fakeNaudiodon() {
  const chunks: Buffer[] = [];
  const calls: Array<Record<string, unknown>> = [];
  const module = {
    SampleFormatFloat32: 1,
    SampleFormat16Bit: 16,
    getDevices: () => [
      { id: 0, name: 'vc4-hdmi-0: MAI PCM i2s-hifi-0 (hw:0,0)', maxInputChannels: 0, maxOutputChannels: 2 },
      { id: 5, name: 'snd_rpi_hifiberry_dac: HifiBerry DAC HiFi pcm5102a-hifi-0 (hw:2,0)', maxInputChannels: 0, maxOutputChannels: 2 },
      { id: 6, name: 'USB mic (hw:3,0)', maxInputChannels: 1, maxOutputChannels: 0 },
    ],
    AudioIO: (options: { outOptions: Record<string, unknown> }) => {
      calls.push(options.outOptions);
      const stream = new Writable({
        write(chunk: Buffer, _enc, cb) {
          chunks.push(Buffer.from(chunk));
          cb();
        },
      }) as Writable & { start(): void; quit(cb?: () => void): void; abort(cb?: () => void): void };
      stream.start = () => undefined;
      stream.abort = (cb) => cb?.();
      stream.on('finish', () => stream.emit('finished'));
      return stream;
    },
  };
  return { module: module as unknown as typeof import('naudiodon'), chunks, calls };
}

describe('NaudiodonPcmSink (real binding) over a stand-in naudiodon', () => {
  it('opens the device whose name contains the substring, by its PortAudio id, with the configured format', async () => {
    const fake = fakeNaudiodon();
    const sink = new NaudiodonPcmSink({ clock: new VirtualClock(), rate: 48000, channels: 2, device: 'hifiberry', latencyMs: 30, naudiodon: fake.module });
    await sink.open();
    assert.equal(sink.deviceName, 'snd_rpi_hifiberry_dac: HifiBerry DAC HiFi pcm5102a-hifi-0 (hw:2,0)');
    assert.deepEqual(fake.calls, [{ channelCount: 2, sampleFormat: 16, sampleRate: 48000, deviceId: 5, closeOnError: false, framesPerBuffer: 256 }]);
    await sink.close();
  });

  it('rejects an unknown device with NR_AUDIO_DEVICE_NOT_FOUND listing the output devices only', async () => {
    const fake = fakeNaudiodon();
    const sink = new NaudiodonPcmSink({ clock: new VirtualClock(), rate: 48000, channels: 2, device: 'tegra', latencyMs: 30, naudiodon: fake.module });
    await assert.rejects(sink.open(), (err: { code?: string; message: string }) =>
      err.code === 'NR_AUDIO_DEVICE_NOT_FOUND' && err.message.includes('"vc4-hdmi-0: MAI PCM i2s-hifi-0 (hw:0,0)"') && !err.message.includes('USB mic'),
    );
    assert.equal(fake.calls.length, 0);
  });

  it('hands PortAudio fixed 256-frame chunks of little-endian int16, clipped, and flushes the rest on close', async () => {
    const fake = fakeNaudiodon();
    const sink = new NaudiodonPcmSink({ clock: new VirtualClock(), rate: 48000, channels: 1, device: 'hifiberry', latencyMs: 30, naudiodon: fake.module });
    await sink.open();
    const frames = Float32Array.from({ length: 300 }, (_, i) => (i === 0 ? 2 : i === 1 ? -2 : i === 2 ? 0.5 : 0));
    assert.equal(sink.write(frames, 300), true);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fake.chunks.length, 1);
    assert.equal(fake.chunks[0]!.length, 512);
    assert.deepEqual([fake.chunks[0]!.readInt16LE(0), fake.chunks[0]!.readInt16LE(2), fake.chunks[0]!.readInt16LE(4)], [32767, -32768, 16384]);
    await sink.close();
    assert.equal(fake.chunks.length, 2);
    assert.equal(fake.chunks[1]!.length, 44 * 2);
  });

  it('refuses writes beyond its chunk pool (no blocking) and takes more once PortAudio has taken chunks', async () => {
    const fake = fakeNaudiodon();
    const sink = new NaudiodonPcmSink({ clock: new VirtualClock(), rate: 48000, channels: 2, device: 'hifiberry', latencyMs: 30, naudiodon: fake.module });
    await sink.open();
    const capacity = sink.writableFrames();
    assert.equal(capacity, 6 * 256, '30 ms at 48 kHz in 256-frame chunks');
    const block = new Float32Array(capacity * 2);
    assert.equal(sink.write(block, capacity), true);
    assert.equal(sink.write(block, 1), false);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(sink.writableFrames(), capacity);
    await sink.close();
  });

  it('counts an underrun when the clock says the device must have played more than it was given', async () => {
    const fake = fakeNaudiodon();
    const clock = new VirtualClock();
    const sink = new NaudiodonPcmSink({ clock, rate: 48000, channels: 1, device: 'hifiberry', latencyMs: 30, naudiodon: fake.module });
    await sink.open();
    const block = new Float32Array(480);
    sink.write(block, 480); // 10 ms of audio
    await clock.advance(5);
    sink.write(block, 480);
    assert.equal(sink.underruns, 0);
    await clock.advance(40); // 45 ms elapsed, 20 ms given
    sink.write(block, 480);
    assert.equal(sink.underruns, 1);
    await sink.close();
  });
});

/** Whether the real naudiodon loads here (it needs the native build, see scripts/patch-naudiodon.js). */
function naudiodonLoadError(): string | undefined {
  const probe = spawnSync(process.execPath, ['-e', "require('naudiodon')"], { encoding: 'utf8', cwd: join(__dirname, '..', '..', '..', '..', '..') });
  return probe.status === 0 ? undefined : (probe.stderr.split('\n').find((l) => /Error/.test(l)) ?? `exit ${probe.status}`);
}

const loadError = naudiodonLoadError();
const title = loadError ? `PortAudio file routing (pending: naudiodon does not load: ${loadError})` : 'PortAudio file routing (real binding, no sound card)';

describe(title, () => {
  const play = async (rate: 48000 | 44100, format: 'int16' | 'float32') => {
    const home = mkdtempSync(join(tmpdir(), 'neurorack-alsa-home-'));
    const raw = join(home, 'out.raw');
    try {
      // Only for this child: ALSA's default pcm becomes a file (the user's config is never touched).
      writeFileSync(join(home, '.asoundrc'), `pcm.!default {\n  type file\n  slave.pcm "null"\n  file "${raw}"\n  format "raw"\n}\n`);
      const child = spawnSync(
        process.execPath,
        [join(__dirname, 'play-sine-child.js'), 'default', '1000', '1', '0.5', String(rate), format],
        { encoding: 'utf8', env: { ...process.env, HOME: home }, timeout: 20_000 },
      );
      const summary = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
      assert.equal(child.status, 0, `child failed: ${child.stdout}\n${child.stderr}`);
      const bytes = readFileSync(raw);
      const samples =
        format === 'int16'
          ? Float32Array.from(new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2), (v) => v / 32768)
          : new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
      return { summary, samples };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };

  const check = (samples: Float32Array, rate: number) => {
    const left = samples.filter((_, i) => i % 2 === 0);
    const right = samples.filter((_, i) => i % 2 === 1);
    assert.deepEqual(right, left, 'both channels carry the mono signal');
    let first = 0;
    while (first < left.length && Math.abs(left[first]!) < 1e-3) first++;
    let last = left.length - 1;
    while (last > 0 && Math.abs(left[last]!) < 1e-3) last--;
    const sounding = last - first + 1;
    assert.ok(Math.abs(sounding - rate) <= 100, `${sounding} sounding frames, expected 1 s = ${rate}`);
    const steady = left.subarray(first + 1000, last - 1000);
    assert.ok(Math.abs(zeroCrossingHz(steady, rate) - 1000) < 0.5, `${zeroCrossingHz(steady, rate)} Hz`);
    assert.ok(Math.abs(rms(steady) - 0.5 / Math.SQRT2) < 0.005, `rms ${rms(steady)}`);
  };

  it("plays a 1 kHz sine at 48000 Hz into the file through naudiodon, int16", async function () {
    if (loadError) this.skip();
    const { summary, samples } = await play(48000, 'int16');
    assert.equal(summary['deviceName'], 'default');
    assert.equal(summary['dropped'], 0);
    check(samples, 48000);
  });

  it('plays it at 44100 Hz as float32 too', async function () {
    if (loadError) this.skip();
    const { samples } = await play(44100, 'float32');
    check(samples, 44100);
  });
});
