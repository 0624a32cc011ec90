import type { AudioOutConfig } from './create-audio-out';

/**
 * Whether the audio-out this config builds offers `share()`: the emulated card's buffer can be
 * written from another thread (the audio worker); the real binding's PortAudio stream is written
 * on the thread that opened it.
 */
export function audioOutShareable(config: AudioOutConfig): boolean {
  return config.binding === 'emulated';
}
