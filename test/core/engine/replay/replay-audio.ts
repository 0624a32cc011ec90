/** Mono at 22050 Hz from a sound card's interleaved recording (nearest sample; enough for analysis). */
export function mono(audio: Float32Array, channels: number, rate: number): Float32Array {
  const frames = audio.length / channels;
  const n = Math.floor((frames * 22050) / rate);
  return Float32Array.from({ length: n }, (_, i) => audio[Math.floor((i * rate) / 22050) * channels]!);
}

/** RMS of `x` (22050 Hz) between two times in seconds. */
export function rmsAt(x: Float32Array, fromS: number, toS: number): number {
  let s = 0;
  const a = Math.floor(fromS * 22050);
  const b = Math.min(x.length, Math.floor(toS * 22050));
  for (let i = a; i < b; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / Math.max(1, b - a));
}
