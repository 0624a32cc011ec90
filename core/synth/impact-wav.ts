import { WaveFile } from 'wavefile';
import { IMPACT_SAMPLE_RATE } from './impact-recipe';

/**
 * A mono 32-bit IEEE-float WAV of `samples` at 22050 Hz (no timestamps: equal input, equal bytes).
 * wavefile writes the header; the sample bytes are packed here because wavefile's generic
 * per-sample packer is ~30x slower than the synthesis itself, and batches run to thousands of items.
 * The output is byte-identical to `fromScratch(1, 22050, '32f', samples).toBuffer()`.
 */
export function encodeImpactWav(samples: Float32Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setFloat32(4 * i, samples[i]!, true);
  const wav = new WaveFile();
  wav.fromScratch(1, IMPACT_SAMPLE_RATE, '32f', []);
  const w = wav as unknown as { chunkSize: number; data: { samples: Uint8Array; chunkSize: number } };
  w.data.samples = bytes;
  w.data.chunkSize = bytes.length;
  w.chunkSize = 36 + bytes.length;
  return wav.toBuffer();
}
