import { writeFileSync } from 'node:fs';
import { WaveFile } from 'wavefile';

/** Writes interleaved float samples as a 16-bit PCM WAV (clamped; deterministic bytes). */
export function writeWav(file: string, interleaved: Float32Array, sampleRate: number, channels: number): void {
  const pcm = new Int16Array(interleaved.length);
  for (let i = 0; i < pcm.length; i++) {
    const s = Math.max(-1, Math.min(1, interleaved[i]!));
    pcm[i] = Math.round(s * 32767);
  }
  const wav = new WaveFile();
  wav.fromScratch(channels, sampleRate, '16', pcm);
  writeFileSync(file, wav.toBuffer());
}
