/** librosa `feature.rms` of one zero-padded frame: sqrt(mean(x^2)), no window. */
export function frameRms(frame: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i] * frame[i];
  return Math.sqrt(sum / frame.length);
}
