/**
 * How a sound becomes a training one-shot. The original Neurorack trained on impact one-shots cut
 * with librosa's silence trimming and brought to a common loudness; the exact rule used here:
 *
 * 1. Trim: frame RMS over 2048-sample frames every 512 samples, centred with zero padding (as
 *    `librosa.effects.trim(y, top_db=60, frame_length=2048, hop_length=512)`); frames more than
 *    60 dB below the loudest frame are silence; keep samples [first loud frame * 512,
 *    min(n, (last loud frame + 1) * 512)).
 * 2. RMS-normalise: scale the trimmed clip so its whole-clip RMS is 0.1 (-20 dBFS), then, if that
 *    would push a sample past 0.99, scale down so the peak is 0.99 (no clipping, ever).
 * 3. Refuse clips that are silent (loudest frame RMS below 1e-5) or shorter than 8 frames (4096
 *    samples, 0.19 s) after trimming.
 */
export const ONE_SHOT_RULE = {
  trimTopDb: 60,
  trimFrameLength: 2048,
  trimHopLength: 512,
  targetRms: 0.1,
  maxPeak: 0.99,
  silentRms: 1e-5,
  minSamples: 4096,
} as const;

/** Why a clip was refused, or the processed clip. */
export type OneShotResult = { ok: true; samples: Float32Array } | { ok: false; reason: string };

/** Applies ONE_SHOT_RULE to mono samples at 22050 Hz. Never modifies its input. */
export function makeOneShot(samples: Float32Array): OneShotResult {
  const r = ONE_SHOT_RULE;
  const hop = r.trimHopLength;
  const half = r.trimFrameLength / 2;
  const frames = 1 + Math.floor(samples.length / hop);
  const rms = new Float64Array(frames);
  let loudest = 0;
  for (let t = 0; t < frames; t++) {
    const centre = t * hop;
    let acc = 0;
    for (let i = centre - half; i < centre + half; i++) if (i >= 0 && i < samples.length) acc += samples[i] * samples[i];
    rms[t] = Math.sqrt(acc / r.trimFrameLength);
    if (rms[t] > loudest) loudest = rms[t];
  }
  if (!(loudest >= r.silentRms)) return { ok: false, reason: `silent (loudest frame RMS ${loudest.toExponential(2)} < ${r.silentRms})` };
  const floor = loudest * 10 ** (-r.trimTopDb / 20);
  let first = -1;
  let last = -1;
  for (let t = 0; t < frames; t++) {
    if (rms[t] > floor) {
      if (first < 0) first = t;
      last = t;
    }
  }
  const start = first * hop;
  const end = Math.min(samples.length, (last + 1) * hop);
  if (end - start < r.minSamples) return { ok: false, reason: `too short after trimming silence (${end - start} samples; at least ${r.minSamples} needed)` };
  const clip = samples.slice(start, end);
  let sq = 0;
  let peak = 0;
  for (const v of clip) {
    sq += v * v;
    if (Math.abs(v) > peak) peak = Math.abs(v);
  }
  const clipRms = Math.sqrt(sq / clip.length);
  const gain = Math.min(r.targetRms / clipRms, r.maxPeak / peak);
  for (let i = 0; i < clip.length; i++) clip[i] *= gain;
  return { ok: true, samples: clip };
}
