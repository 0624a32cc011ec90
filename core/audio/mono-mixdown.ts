/**
 * Mixes channels down to one as librosa's `to_mono` does: the mean of the channels, per sample.
 * A single channel is returned as is (not copied).
 */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const length = channels[0].length;
  const mono = new Float32Array(length);
  const count = channels.length;
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (let c = 0; c < count; c++) sum += channels[c][i];
    mono[i] = sum / count;
  }
  return mono;
}
