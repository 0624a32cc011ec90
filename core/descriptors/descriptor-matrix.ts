import { DESCRIPTOR_ORDER } from '../generated/descriptor-order';

/**
 * The seven per-frame descriptors the Neurorack model is conditioned on, in the order the
 * original code stacks them (librosa 0.9.2 semantics; see the fixtures' PARAMETERS.md). The order
 * lives in schemas/descriptor-order.json, which the browser and training/ read too.
 */
export { DESCRIPTOR_ORDER };

/** One descriptor's name. */
export type DescriptorName = (typeof DESCRIPTOR_ORDER)[number];

/** Sample rate every descriptor is defined at; other rates are resampled to this first. */
export const DESCRIPTOR_SAMPLE_RATE = 22050;

/** Samples between the starts of consecutive descriptor frames. */
export const DESCRIPTOR_HOP_LENGTH = 512;

/** Unit and meaning of each descriptor value. */
export const DESCRIPTOR_UNITS: Readonly<Record<DescriptorName, { readonly unit: string; readonly description: string }>> = {
  rms: { unit: 'linear amplitude', description: 'root mean square of the 2048-sample frame' },
  zcr: { unit: 'ratio', description: 'zero crossings in the frame divided by 2048' },
  rolloff: { unit: 'Hz', description: 'frequency below which 85 % of the magnitude spectrum lies' },
  flatness: { unit: 'ratio', description: 'geometric over arithmetic mean of the power spectrum' },
  bandwidth: { unit: 'Hz', description: 'magnitude-weighted standard deviation around the centroid' },
  centroid: { unit: 'Hz', description: 'magnitude-weighted mean frequency' },
  f0: { unit: 'Hz', description: 'fundamental frequency by YIN, always in [50, 5512.5]' },
};

/**
 * Descriptors of one signal: `frames[t]` holds the seven values of frame t in `order`.
 * Exactly what the original Neurorack builds: librosa gives T = 1 + floor(n / 512) frames, any
 * NaN becomes 1 and the last frame is dropped, so `frames.length === floor(n / 512)`.
 */
export interface DescriptorMatrix {
  readonly sampleRate: 22050;
  readonly hopLength: 512;
  readonly order: typeof DESCRIPTOR_ORDER;
  readonly frames: number[][];
}
