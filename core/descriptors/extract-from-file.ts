import { readWavFile } from '../audio/wav-read';
import { resampleOffline } from '../audio/resample';
import { DESCRIPTOR_SAMPLE_RATE, type DescriptorMatrix } from './descriptor-matrix';
import { extractDescriptors } from './extract';

/**
 * `extractDescriptors` for audio at any sample rate: resamples to 22050 Hz first (libsamplerate,
 * best sinc quality; the original used librosa's resampy `kaiser_best`, so values of resampled
 * input match the original's closely but not bit for bit). Async because the resampler is WASM.
 */
export async function extractDescriptorsAtRate(samples: Float32Array | Float64Array, sampleRate: number): Promise<DescriptorMatrix> {
  if (sampleRate === DESCRIPTOR_SAMPLE_RATE) return extractDescriptors(samples, sampleRate);
  const input = samples instanceof Float32Array ? samples : Float32Array.from(samples);
  return extractDescriptors(await resampleOffline(input, sampleRate, DESCRIPTOR_SAMPLE_RATE), DESCRIPTOR_SAMPLE_RATE);
}

/**
 * Reads a WAV file, mixes it to mono (mean of channels), resamples to 22050 Hz when needed and
 * extracts the descriptors: the equivalent of the original's `librosa.load(path)` followed by its
 * descriptor code. Errors are those of `readWavFile` and `extractDescriptors`.
 */
export async function extractDescriptorsFromFile(path: string): Promise<DescriptorMatrix> {
  const audio = readWavFile(path);
  return extractDescriptorsAtRate(audio.mono, audio.sampleRate);
}
