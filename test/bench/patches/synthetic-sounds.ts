import { Prng } from '../../../core/synth/prng';

export const SR = 48000;

/** A dark impact: 220 Hz and two harmonics, decaying with `tauS`. */
export function dark(n: number, amp = 0.5, tauS = 0.08): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => {
    const t = i / SR;
    return amp * Math.exp(-t / tauS) * (Math.sin(2 * Math.PI * 220 * t) + 0.4 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * 660 * t)) / 1.6;
  });
}

/** A bright impact: white noise through a first-order high-pass near 3 kHz, decaying with `tauS`. */
export function bright(n: number, amp = 0.5, tauS = 0.08, seed = 1): Float32Array {
  const rng = new Prng(seed);
  const a = Math.exp((-2 * Math.PI * 3000) / SR);
  let prevIn = 0;
  let prevOut = 0;
  return Float32Array.from({ length: n }, (_, i) => {
    const x = rng.bipolar();
    const y = a * (prevOut + x - prevIn);
    prevIn = x;
    prevOut = y;
    return amp * Math.exp(-i / SR / tauS) * y;
  });
}

/** Adds `sound` into `into` from sample `at`. */
export function mixAt(into: Float32Array, sound: Float32Array, at: number, gain = 1): Float32Array {
  for (let i = 0; i < sound.length && at + i < into.length; i++) if (at + i >= 0) into[at + i]! += gain * sound[i]!;
  return into;
}

export const ms = (v: number) => Math.round((v * SR) / 1000);
