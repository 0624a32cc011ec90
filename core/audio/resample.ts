import { create, ConverterType } from '@alexanderolsen/libsamplerate-js';
import { NeurorackError } from '../errors/neurorack-error';

/** Input frames handed to libsamplerate per call; keeps its WASM transfer buffers small. */
const CHUNK_FRAMES = 16_384;

/**
 * Resamples a whole mono signal offline with libsamplerate's best sinc converter
 * (SRC_SINC_BEST_QUALITY), for analysis at another rate. The result has exactly
 * ceil(n * toRate / fromRate) samples, the length librosa's `resample` gives, and is time-aligned
 * with the input (libsamplerate adds no delay; its latency is flushed by feeding zeros).
 *
 * Feeds the stream API in chunks itself: the library's own `simple()` splits long inputs into
 * chunks and silently loses all but the first (seen with 2M samples in 2.1.2).
 * Throws NR_AUDIO_RATE_UNSUPPORTED for a rate that is not a positive integer up to 192 kHz and
 * NR_RESAMPLE_FAILED when libsamplerate fails.
 */
export async function resampleOffline(samples: Float32Array, fromRate: number, toRate: number): Promise<Float32Array> {
  for (const rate of [fromRate, toRate]) {
    if (!Number.isInteger(rate) || rate < 1 || rate > 192_000) {
      throw new NeurorackError('NR_AUDIO_RATE_UNSUPPORTED', `cannot resample at ${rate} Hz; expected an integer rate from 1 to 192000 Hz`);
    }
  }
  if (fromRate === toRate) return samples;
  const ratio = toRate / fromRate;
  const outLength = Math.ceil(samples.length * ratio);
  const out = new Float32Array(outLength);
  let src: Awaited<ReturnType<typeof create>> | undefined;
  try {
    src = await create(1, fromRate, toRate, { converterType: ConverterType.SRC_SINC_BEST_QUALITY });
    const chunkOut = new Float32Array(Math.ceil(CHUNK_FRAMES * ratio) + 16);
    const produced = { frames: 0 };
    const silence = new Float32Array(CHUNK_FRAMES);
    let written = 0;
    let read = 0;
    // Zeros after the end flush the converter's latency; bounded in case it never catches up.
    for (let calls = 0; written < outLength; calls++) {
      if (calls > Math.ceil(samples.length / CHUNK_FRAMES) + 64) throw new Error('the converter stopped producing output');
      const chunk = read < samples.length ? samples.subarray(read, Math.min(samples.length, read + CHUNK_FRAMES)) : silence;
      read += chunk.length;
      src.full(chunk, chunkOut, produced);
      const take = Math.min(produced.frames, outLength - written);
      out.set(chunkOut.subarray(0, take), written);
      written += take;
    }
    return out;
  } catch (err) {
    throw new NeurorackError('NR_RESAMPLE_FAILED', `libsamplerate could not resample ${fromRate} Hz to ${toRate} Hz: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err });
  } finally {
    src?.destroy();
  }
}
