import { D, HOP, MODEL_RATE } from './descriptor-frames';
import type { ModelRenderer } from './model-renderer';

const MAX_PARTIALS = 48;

/**
 * A real, small renderer that turns descriptors into sound by additive synthesis: harmonics of f0
 * weighted by a Gaussian around the spectral centroid (width from the bandwidth), plus seeded noise
 * through a band-pass at the centroid in proportion to the flatness, scaled so the frame RMS
 * follows the `rms` curve. It is an honest alternative implementation of the ModelRenderer
 * contract (deterministic per seed, spectrum and loudness follow the descriptors), used by the
 * engine's tests and as the fallback when no neural model folder is installed. It is not the
 * neural model.
 */
export class AdditiveRenderer implements ModelRenderer {
  readonly sampleRate = MODEL_RATE;
  readonly hop = HOP;

  constructor(readonly id = 'additive') {}

  render(frames: number[][], seed: number): Promise<Float32Array> {
    return Promise.resolve(renderAdditive(frames, seed));
  }
}

/** The synchronous core of {@link AdditiveRenderer}. */
export function renderAdditive(frames: number[][], seed: number): Float32Array {
  const n = frames.length * HOP;
  const out = new Float32Array(n);
  const phase = new Float64Array(MAX_PARTIALS);
  const wPrev = new Float64Array(MAX_PARTIALS);
  const wNext = new Float64Array(MAX_PARTIALS);
  let rng = seed >>> 0 || 1;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let t = 0; t < frames.length; t++) {
    const f = frames[t]!;
    const g = frames[Math.min(t + 1, frames.length - 1)]!;
    partialWeights(f, wPrev);
    partialWeights(g, wNext);
    const flat = clamp(f[D.flatness]!, 0, 1);
    const centroid = clamp(f[D.centroid]!, 40, MODEL_RATE / 2 - 100);
    const q = clamp(centroid / Math.max(50, f[D.bandwidth]!), 0.5, 20);
    // RBJ band-pass (constant 0 dB peak) at the centroid.
    const w0 = (2 * Math.PI * centroid) / MODEL_RATE;
    const alpha = Math.sin(w0) / (2 * q);
    const a0 = 1 + alpha;
    const b0 = alpha / a0;
    const a1 = (-2 * Math.cos(w0)) / a0;
    const a2 = (1 - alpha) / a0;
    for (let i = 0; i < HOP; i++) {
      const u = i / HOP;
      const f0 = Math.max(20, lerp(f[D.f0]!, g[D.f0]!, u));
      const rms = Math.max(0, lerp(f[D.rms]!, g[D.rms]!, u));
      let harm = 0;
      for (let k = 0; k < MAX_PARTIALS; k++) {
        const fk = (k + 1) * f0;
        if (fk >= MODEL_RATE / 2) break;
        phase[k] = (phase[k]! + fk / MODEL_RATE) % 1;
        harm += lerp(wPrev[k]!, wNext[k]!, u) * Math.sin(2 * Math.PI * phase[k]!);
      }
      rng = (rng + 0x6d2b79f5) >>> 0;
      let r = Math.imul(rng ^ (rng >>> 15), rng | 1);
      r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
      const white = (((r ^ (r >>> 14)) >>> 0) / 4294967296) * 2 - 1;
      const y = b0 * (white - x2) - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = white;
      y2 = y1;
      y1 = y;
      const noiseGain = Math.sqrt(q) * 1.7;
      out[t * HOP + i] = rms * Math.SQRT2 * ((1 - flat) * harm + flat * noiseGain * y);
    }
  }
  return out;
}

/** Unit-energy Gaussian weights of the harmonics around the centroid. */
function partialWeights(f: readonly number[], w: Float64Array): void {
  const f0 = Math.max(20, f[D.f0]!);
  const centroid = Math.max(40, f[D.centroid]!);
  const width = Math.max(f0, f[D.bandwidth]! * 0.5, 30);
  let energy = 0;
  for (let k = 0; k < MAX_PARTIALS; k++) {
    const fk = (k + 1) * f0;
    const x = (fk - centroid) / width;
    w[k] = fk < MODEL_RATE / 2 ? Math.exp(-0.5 * x * x) : 0;
    energy += w[k]! * w[k]!;
  }
  const scale = energy > 0 ? 1 / Math.sqrt(energy) : 0;
  for (let k = 0; k < MAX_PARTIALS; k++) w[k]! *= scale;
}

function lerp(a: number, b: number, u: number): number {
  return a + (b - a) * u;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : Number.isFinite(v) ? v : lo;
}
