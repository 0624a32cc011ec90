import { NeurorackError } from '../../errors/neurorack-error';

/** What the device lists give (PortAudio's DeviceInfo has these fields). */
export interface AudioDeviceInfo {
  readonly id: number;
  readonly name: string;
  readonly maxOutputChannels: number;
}

/**
 * Picks the output device whose name contains `query` (case-insensitive; an exact name wins over
 * a substring, then the first in the list). Indexes move between boots (HDMI cards come first on
 * a Pi 5), names do not. Throws NR_AUDIO_DEVICE_NOT_FOUND listing the output devices.
 */
export function matchAudioDevice<T extends AudioDeviceInfo>(devices: readonly T[], query: string, where = '/devices/audioOut/device'): T {
  const outputs = devices.filter((d) => d.maxOutputChannels > 0);
  const q = query.toLowerCase();
  const found = outputs.find((d) => d.name.toLowerCase() === q) ?? outputs.find((d) => d.name.toLowerCase().includes(q));
  if (found) return found;
  const names = outputs.length > 0 ? outputs.map((d) => `"${d.name}"`).join(', ') : '(none: no output device found)';
  throw new NeurorackError(
    'NR_AUDIO_DEVICE_NOT_FOUND',
    `no audio output device name contains "${query}"; expected a substring of one of: ${names}`,
    { pointer: where, device: `alsa '${query}'` },
  );
}
