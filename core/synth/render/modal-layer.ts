import type { ModalLayer } from '../impact-recipe';

const GLIDE_BLOCK = 16;
/** Modes are rendered until they have fallen by this many dB (inaudible after normalisation). */
const FLOOR_DB = 100;

/**
 * Adds a struck resonator to `out`: each mode is a decaying sinusoid computed by complex rotation
 * (two multiply-adds per sample, no sin() in the loop). With a glide the rotation is recomputed
 * every 16 samples. Modes at or above Nyquist are silent while they are there.
 */
export function renderModalLayer(layer: ModalLayer, out: Float64Array, sr: number): void {
  const start = Math.max(0, Math.round(layer.startS * sr));
  if (start >= out.length) return;
  const n = out.length - start;
  const buf = new Float64Array(n);
  const nyquist = sr / 2;
  for (const m of layer.modes) {
    const r = Math.pow(10, -3 / (m.t60S * sr));
    const len = Math.min(n, Math.ceil((m.t60S * FLOOR_DB * sr) / 60));
    if (layer.glide) renderGliding(m.freqHz, r, m.amp, layer.glide, len, buf, sr, nyquist);
    else if (m.freqHz < nyquist) renderSteady(m.freqHz, r, m.amp, len, buf, sr);
  }
  const a = layer.attackS > 0 ? Math.exp(-1 / (layer.attackS * sr)) : 0;
  let env = 1;
  for (let i = 0; i < n; i++) {
    env *= a;
    out[start + i]! += layer.gain * (1 - env) * buf[i]!;
  }
}

function renderSteady(freq: number, r: number, amp: number, len: number, buf: Float64Array, sr: number): void {
  const w = (2 * Math.PI * freq) / sr;
  const c = r * Math.cos(w);
  const s = r * Math.sin(w);
  let re = amp;
  let im = 0;
  for (let i = 0; i < len; i++) {
    buf[i]! += im;
    const nre = re * c - im * s;
    im = re * s + im * c;
    re = nre;
  }
}

function renderGliding(freq: number, r: number, amp: number, glide: { ratio: number; timeS: number }, len: number, buf: Float64Array, sr: number, nyquist: number): void {
  let re = amp;
  let im = 0;
  const k = Math.exp(-GLIDE_BLOCK / (glide.timeS * sr));
  let bend = glide.ratio * Math.exp(-GLIDE_BLOCK / 2 / (glide.timeS * sr));
  for (let b = 0; b < len; b += GLIDE_BLOCK) {
    const f = freq * (1 + bend);
    bend *= k;
    const w = (2 * Math.PI * f) / sr;
    const c = r * Math.cos(w);
    const s = r * Math.sin(w);
    const audible = f < nyquist;
    const end = Math.min(len, b + GLIDE_BLOCK);
    for (let i = b; i < end; i++) {
      if (audible) buf[i]! += im;
      const nre = re * c - im * s;
      im = re * s + im * c;
      re = nre;
    }
  }
}
