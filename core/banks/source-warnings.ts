/** Below this peak (-60 dBFS) a sound counts as silent: its curves describe noise, not an impact. */
export const SILENT_PEAK = 1e-3;
/** Shorter than this, an entry plays as a click (a few descriptor frames). */
export const SHORT_SOURCE_S = 0.1;

/**
 * What a performer should hear about a sound that makes a valid but useless entry: silent, or
 * so short that its curve is a handful of frames. The entry is still made; the caller prints these.
 */
export function sourceWarnings(mono: Float32Array, sampleRate: number): string[] {
  const out: string[] = [];
  let peak = 0;
  for (let i = 0; i < mono.length; i++) {
    const a = Math.abs(mono[i]!);
    if (a > peak) peak = a;
  }
  if (peak < SILENT_PEAK) {
    const db = peak > 0 ? `${(20 * Math.log10(peak)).toFixed(1)} dBFS` : 'digital silence';
    out.push(`the sound is silent (peak ${db}, under ${20 * Math.log10(SILENT_PEAK)} dBFS): its entry will play near silence`);
  }
  const seconds = mono.length / sampleRate;
  if (seconds < SHORT_SOURCE_S) {
    out.push(`the sound is only ${(seconds * 1000).toFixed(0)} ms long (under ${SHORT_SOURCE_S * 1000} ms): its entry will play as a click`);
  }
  return out;
}
