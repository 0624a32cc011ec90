import { BANK_SAMPLE_RATE, type DescriptorName } from './descriptor-bank';

const NYQUIST_HZ = BANK_SAMPLE_RATE / 2;

/**
 * The values each descriptor can physically take at 22050 Hz from audio within full scale, as the
 * extractor computes them: rms lies in [0, 1] (1 is a full-scale square wave), zcr is a fraction
 * of 2048 samples, the spectral frequencies and YIN's f0 lie in [0, Nyquist], flatness is at most
 * 1 (plus float32 rounding, 1.0000007 for silence). Every limit is finite: a bank declaring or
 * holding an RMS of 1e39 is refused (NR_BANK_VALUE_INVALID), where it once rendered NaN.
 */
export const DESCRIPTOR_LIMITS: Readonly<Record<DescriptorName, { min: number; max: number }>> = {
  rms: { min: 0, max: 1 },
  zcr: { min: 0, max: 1 },
  rolloff: { min: 0, max: NYQUIST_HZ },
  flatness: { min: 0, max: 1.0001 },
  bandwidth: { min: 0, max: NYQUIST_HZ },
  centroid: { min: 0, max: NYQUIST_HZ },
  f0: { min: 0, max: NYQUIST_HZ },
};
