import assert from 'node:assert/strict';
import { matchAudioDevice } from '../../../../core/devices/audio-out/match-audio-device';

// As PortAudio lists them on a Pi 5 with the DAC overlay: the HDMI cards come first.
const devices = [
  { id: 0, name: 'vc4-hdmi-0: MAI PCM i2s-hifi-0 (hw:0,0)', maxOutputChannels: 2 },
  { id: 1, name: 'vc4-hdmi-1: MAI PCM i2s-hifi-0 (hw:1,0)', maxOutputChannels: 2 },
  { id: 2, name: 'snd_rpi_hifiberry_dac: HifiBerry DAC HiFi pcm5102a-hifi-0 (hw:2,0)', maxOutputChannels: 2 },
  { id: 3, name: 'USB Audio Mic: Audio (hw:3,0)', maxOutputChannels: 0 },
  { id: 4, name: 'default', maxOutputChannels: 128 },
];

describe('matchAudioDevice', () => {
  it('picks the device whose name contains the substring, case-insensitively, by name not index', () => {
    assert.equal(matchAudioDevice(devices, 'PCM5102A').id, 2);
    assert.equal(matchAudioDevice(devices, 'hifiberry').id, 2);
  });

  it('prefers an exact name over a longer one containing it', () => {
    const list = [{ id: 7, name: 'default-ish: x', maxOutputChannels: 2 }, ...devices];
    assert.equal(matchAudioDevice(list, 'default').id, 4);
  });

  it('takes the first match in list order when several contain the substring', () => {
    assert.equal(matchAudioDevice(devices, 'vc4-hdmi').id, 0);
  });

  it('ignores input-only devices', () => {
    assert.throws(() => matchAudioDevice(devices, 'USB Audio Mic'), /NR_AUDIO_DEVICE_NOT_FOUND|no audio output device/);
  });

  it('says what it looked for and lists every output device when nothing matches', () => {
    assert.throws(
      () => matchAudioDevice(devices, 'tegrasndt210ref'),
      (err: { code?: string; message: string; location?: { pointer?: string } }) =>
        err.code === 'NR_AUDIO_DEVICE_NOT_FOUND' &&
        err.message.includes('"tegrasndt210ref"') &&
        err.message.includes('"vc4-hdmi-0: MAI PCM i2s-hifi-0 (hw:0,0)"') &&
        err.message.includes('"snd_rpi_hifiberry_dac: HifiBerry DAC HiFi pcm5102a-hifi-0 (hw:2,0)"') &&
        !err.message.includes('USB Audio Mic') &&
        err.location?.pointer === '/devices/audioOut/device',
    );
  });

  it('says there is no output device at all on a machine without one', () => {
    assert.throws(() => matchAudioDevice([], 'default'), /\(none: no output device found\)/);
  });
});
