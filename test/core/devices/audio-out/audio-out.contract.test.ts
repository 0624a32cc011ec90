import assert from 'node:assert/strict';
import type { AudioOut } from '../../../../core/devices/audio-out/audio-out';
import { createEmulatedAudioOut, createRealAudioOut, type AudioOutConfig } from '../../../../core/devices/audio-out/create-audio-out';
import { MonotonicClock } from '../../../../core/scheduler/monotonic-clock';
import { VirtualClock } from '../../../../core/scheduler/virtual-clock';
import { HARDWARE, bindingTitle, contractIt } from '../i2c/hardware-opt-in';

const realDevice = process.env['NEURORACK_AUDIO_DEVICE'] ?? 'default';

const bindings: Array<{ name: 'emulated' | 'real'; available: boolean; device: string; make: (config: AudioOutConfig) => AudioOut }> = [
  {
    name: 'emulated',
    available: true,
    device: 'pcm5102a',
    make: (config) => createEmulatedAudioOut(config, { clock: new VirtualClock() }).audioOut,
  },
  { name: 'real', available: HARDWARE, device: realDevice, make: (config) => createRealAudioOut(config, { clock: new MonotonicClock() }) },
];

for (const b of bindings) {
  const config: AudioOutConfig = { binding: b.name, device: b.device, sampleRate: 48000, channels: 2, latencyMs: 30 };

  describe(bindingTitle('AudioOut', b.name, `an output device named like NEURORACK_AUDIO_DEVICE ("${realDevice}")`), () => {
    contractIt(b.available, 'open() picks the device by name substring; rates are the model 22050 in, the DAC rate out', async () => {
      const out = b.make(config);
      await out.open();
      try {
        assert.ok(out.deviceName?.toLowerCase().includes(b.device.toLowerCase()), `picked "${out.deviceName}"`);
        assert.equal(out.inputRate, 22050);
        assert.equal(out.sampleRate, 48000);
        assert.equal(out.kind, 'audio-out');
        assert.equal(out.health().status, 'ok', out.health().detail);
        assert.ok(out.address.includes(out.deviceName!));
      } finally {
        await out.close();
      }
    });

    contractIt(b.available, 'a device name nothing contains rejects with NR_AUDIO_DEVICE_NOT_FOUND listing the devices', async () => {
      const out = b.make({ ...config, device: 'no-such-card-xyz' });
      await assert.rejects(out.open(), (err: { code?: string; message: string }) =>
        err.code === 'NR_AUDIO_DEVICE_NOT_FOUND' && /no audio output device name contains "no-such-card-xyz"; expected a substring of one of: ".+"/.test(err.message),
      );
    });

    contractIt(b.available, 'write() queues a block without blocking; an oversize block is refused and counted as dropped', async () => {
      const out = b.make(config);
      await out.open();
      try {
        assert.ok(out.space() >= 256, `space ${out.space()}`);
        assert.equal(out.write(new Float32Array(256)), true);
        assert.equal(out.write(new Float32Array(out.maxBlockFrames + 1)), false);
        assert.equal(out.dropped, 1);
        assert.equal(out.xruns, 0);
      } finally {
        await out.close();
      }
    });

    contractIt(b.available, 'close() is idempotent; writes after it are dropped, never thrown', async () => {
      const out = b.make(config);
      await out.open();
      await out.close();
      await out.close();
      assert.equal(out.write(new Float32Array(64)), false);
      assert.equal(out.dropped, 1);
      assert.equal(out.health().status, 'missing');
    });
  });
}
