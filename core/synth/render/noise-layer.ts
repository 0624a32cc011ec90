import type { NoiseLayer } from '../impact-recipe';
import type { Prng } from '../prng';
import { Svf } from './svf';

const SWEEP_BLOCK = 16;
const MODE = { lowpass: 0, bandpass: 1, highpass: 2 } as const;

/**
 * Adds filtered noise to `out`: white noise through a state-variable filter whose cutoff moves
 * from startHz to endHz (exponentially in log-frequency, time constant sweepS), shaped by an
 * attack and an exponential decay to -100 dB.
 */
export function renderNoiseLayer(layer: NoiseLayer, out: Float64Array, sr: number, rng: Prng): void {
  const start = Math.max(0, Math.round(layer.startS * sr));
  const len = Math.min(out.length - start, Math.ceil((layer.t60S * 100 * sr) / 60) + Math.ceil(layer.attackS * 5 * sr));
  if (len <= 0) return;
  const f = layer.filter;
  const svf = new Svf(sr);
  const mode = MODE[f.type];
  const decay = Math.pow(10, -3 / (layer.t60S * sr));
  const a = layer.attackS > 0 ? Math.exp(-1 / (layer.attackS * sr)) : 0;
  const sweepK = Math.exp(-SWEEP_BLOCK / (f.sweepS * sr));
  const logRatio = Math.log(f.startHz / f.endHz);
  let sweep = 1;
  let att = 1;
  let dec = layer.gain;
  for (let b = 0; b < len; b += SWEEP_BLOCK) {
    svf.tune(f.endHz * Math.exp(logRatio * sweep), f.q);
    sweep *= sweepK;
    const end = Math.min(len, b + SWEEP_BLOCK);
    for (let i = b; i < end; i++) {
      att *= a;
      dec *= decay;
      out[start + i]! += (1 - att) * dec * svf.process(rng.bipolar(), mode);
    }
  }
}
