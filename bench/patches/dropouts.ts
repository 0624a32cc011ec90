/** A run of digital silence that cuts sound off. */
export interface Dropout {
  /** First and one-past-last silent sample. */
  readonly start: number;
  readonly end: number;
}

/**
 * Digital silence (exact zeros, as the 16-bit recording holds it) of `minMs` to `maxMs` with sound
 * on both sides: the `edgeMs` before and after it carry an RMS above `edgeRms` (-40 dBFS by
 * default). An impact that decays dies out long before it reaches zero; this is sound cut off and
 * coming back (voices holding on a render that is not written yet), which the card's xrun count
 * does not see. Sound that stops and stays stopped (gate 2 released, a voice reaching the end of
 * its render) is not counted.
 */
export function findDropouts(x: Float32Array, sampleRate: number, o: { minMs?: number; maxMs?: number; edgeMs?: number; edgeRms?: number } = {}): Dropout[] {
  const n = (ms: number) => Math.max(1, Math.round((ms * sampleRate) / 1000));
  const minLen = n(o.minMs ?? 1);
  const maxLen = n(o.maxMs ?? 100);
  const edge = n(o.edgeMs ?? 2);
  const edgeRms = o.edgeRms ?? 0.01;
  const rms = (from: number, to: number) => {
    let sum = 0;
    for (let k = from; k < to; k++) sum += x[k]! * x[k]!;
    return Math.sqrt(sum / (to - from));
  };
  const out: Dropout[] = [];
  let i = 0;
  while (i < x.length) {
    if (x[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < x.length && x[j] === 0) j++;
    if (j - i >= minLen && j - i <= maxLen && i >= edge && j + edge <= x.length && rms(i - edge, i) > edgeRms && rms(j, j + edge) > edgeRms) out.push({ start: i, end: j });
    i = j;
  }
  return out;
}
