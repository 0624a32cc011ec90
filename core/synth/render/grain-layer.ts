import type { GrainLayer } from '../impact-recipe';
import type { Prng } from '../prng';

/**
 * Adds debris to `out`: `count` short pings at random times within spreadS (clustered towards the
 * start), each a decaying sinusoid of random pitch plus a noise click, quieter on average the later
 * it comes.
 */
export function renderGrainLayer(layer: GrainLayer, out: Float64Array, sr: number, rng: Prng): void {
  const start = Math.round(layer.startS * sr);
  for (let g = 0; g < layer.count; g++) {
    const rel = Math.pow(rng.next(), layer.clustering);
    const at = start + Math.round(rel * layer.spreadS * sr);
    if (at >= out.length) continue;
    const freq = rng.logUniform(layer.freqLoHz, Math.min(layer.freqHiHz, 0.45 * sr));
    const t60 = rng.logUniform(layer.t60LoS, layer.t60HiS);
    const amp = layer.gain * (1 - 0.8 * rel) * rng.uniform(0.15, 1);
    const r = Math.pow(10, -3 / (t60 * sr));
    const w = (2 * Math.PI * freq) / sr;
    const c = r * Math.cos(w);
    const s = r * Math.sin(w);
    const len = Math.min(out.length - at, Math.ceil((t60 * 100 * sr) / 60));
    let re = amp * (1 - layer.click);
    let im = 0;
    const clickLen = Math.min(len, Math.ceil(0.002 * sr));
    let click = amp * layer.click;
    const clickDecay = Math.pow(0.001, 1 / Math.max(1, clickLen));
    for (let i = 0; i < len; i++) {
      let v = im;
      if (i < clickLen) {
        v += click * rng.bipolar();
        click *= clickDecay;
      }
      out[at + i]! += v;
      const nre = re * c - im * s;
      im = re * s + im * c;
      re = nre;
    }
  }
}
