import { SafetyLimiter } from './safety-limiter';
import { NeurorackError, type ErrorLocation } from '../errors/neurorack-error';
import { firstNonFiniteIndex } from './non-finite';

/** The live output's limiter settings (core/engine/block-mixer.ts): ceiling and release. */
const CEILING = 0.98;
const RELEASE_MS = 50;

/** What `finishRender` changed, for the honest notice a command prints. */
export interface RenderFinish {
  /** The peak before limiting, after the DC was removed (linear; 1 is full scale). */
  readonly peak: number;
  /** The mean removed (linear). */
  readonly dc: number;
  /** Samples the limiter turned down (|x| over its ceiling). */
  readonly limited: number;
  /** The lowest gain the limiter applied (1: none). */
  readonly minGain: number;
}

/**
 * Makes a model's render usable as a file, in place: refuses non-finite audio (NR_AUDIO_NOT_FINITE,
 * naming `where`), removes the DC (the mean), then runs the live output's safety limiter
 * (instant attack, 50 ms release, ceiling 0.98) so no sample reaches beyond full scale.
 */
export function finishRender(audio: Float32Array, sampleRate: number, where: ErrorLocation = {}): RenderFinish {
  const first = firstNonFiniteIndex(audio);
  if (first >= 0) {
    let count = 0;
    for (let i = first; i < audio.length; i++) if (!Number.isFinite(audio[i]!)) count++;
    throw new NeurorackError(
      'NR_AUDIO_NOT_FINITE',
      `the model rendered ${count} NaN or infinite samples of ${audio.length} (the first at ${(first / sampleRate).toFixed(3)} s); expected finite audio: the descriptor curves are outside what the model can render, so nothing was written`,
      where,
    );
  }
  let sum = 0;
  for (let i = 0; i < audio.length; i++) sum += audio[i]!;
  const dc = audio.length > 0 ? sum / audio.length : 0;
  let peak = 0;
  let limited = 0;
  for (let i = 0; i < audio.length; i++) {
    const x = audio[i]! - dc;
    audio[i] = x;
    const a = Math.abs(x);
    if (a > peak) peak = a;
    if (a > CEILING) limited++;
  }
  let minGain = 1;
  if (limited > 0) {
    const before = audio.slice();
    new SafetyLimiter(CEILING, RELEASE_MS, sampleRate).process(audio);
    for (let i = 0; i < audio.length; i++) {
      const a = Math.abs(before[i]!);
      if (a > CEILING) minGain = Math.min(minGain, Math.abs(audio[i]!) / a);
    }
  }
  return { peak, dc, limited, minGain };
}

/** The warning lines for what `finishRender` did, empty when it changed nothing audible. */
export function describeFinish(f: RenderFinish): string[] {
  const db = (x: number) => `${x >= 1 ? '+' : ''}${(20 * Math.log10(x)).toFixed(1)} dB`;
  const lines: string[] = [];
  if (Math.abs(f.dc) >= 1e-3) lines.push(`removed a DC offset of ${f.dc >= 0 ? '+' : ''}${f.dc.toFixed(3)}`);
  if (f.limited > 0) {
    lines.push(`the render peaked at ${db(f.peak)}FS; the live output's safety limiter (ceiling ${db(CEILING)}FS) turned ${f.limited} samples down, by up to ${db(f.minGain).replace('+', '')}`);
  }
  return lines;
}
