import { NeurorackError } from '../errors/neurorack-error';
import { firstNonFiniteIndex } from '../audio/non-finite';
import {
  DESCRIPTOR_HOP_LENGTH,
  DESCRIPTOR_ORDER,
  DESCRIPTOR_SAMPLE_RATE,
  type DescriptorMatrix,
} from './descriptor-matrix';
import { DescriptorWorkspace } from './descriptor-workspace';
import { isInteriorFrame, librosaFrameCount, loadFrame } from './frame-grid';
import { hannMagnitudes } from './magnitude-spectrum';
import { frameRms } from './rms';
import { spectralBandwidth } from './spectral-bandwidth';
import { magnitudeNorm, spectralCentroid } from './spectral-centroid';
import { spectralFlatness } from './spectral-flatness';
import { spectralRolloff } from './spectral-rolloff';
import { yinF0 } from './yin-period';
import { frameZeroCrossingRate } from './zero-crossing-rate';

/**
 * Computes the seven Neurorack descriptors of a mono signal at 22050 Hz, in float64, exactly as
 * the original Neurorack did with librosa 0.9.2: `floor(n / 512)` rows of
 * [rms, zcr, rolloff, flatness, bandwidth, centroid, f0] (librosa's last frame dropped, NaN -> 1).
 *
 * Synchronous, so it takes 22050 Hz input only: for another rate use `extractDescriptorsAtRate`
 * or `extractDescriptorsFromFile` (async, they resample first).
 * Throws NR_AUDIO_RATE_UNSUPPORTED (rate not 22050), NR_AUDIO_EMPTY, NR_AUDIO_NOT_FINITE.
 */
export function extractDescriptors(samples: Float32Array | Float64Array, sampleRate: number): DescriptorMatrix {
  if (sampleRate !== DESCRIPTOR_SAMPLE_RATE) {
    throw new NeurorackError(
      'NR_AUDIO_RATE_UNSUPPORTED',
      `extractDescriptors takes ${DESCRIPTOR_SAMPLE_RATE} Hz audio, got ${sampleRate} Hz; resample first or call extractDescriptorsAtRate`,
    );
  }
  if (samples.length === 0) throw new NeurorackError('NR_AUDIO_EMPTY', 'expected at least one sample to analyse, got none');
  const bad = firstNonFiniteIndex(samples);
  if (bad >= 0) {
    throw new NeurorackError('NR_AUDIO_NOT_FINITE', `sample ${bad} is ${samples[bad]}; expected finite samples`);
  }

  const n = samples.length;
  const kept = librosaFrameCount(n) - 1;
  const ws = new DescriptorWorkspace();
  const frames: number[][] = new Array(kept);
  for (let t = 0; t < kept; t++) {
    loadFrame(samples, t, ws.frame, 'zeros');
    let zcrFrame = ws.frame;
    if (!isInteriorFrame(t, n)) {
      loadFrame(samples, t, ws.edgeFrame, 'edge');
      zcrFrame = ws.edgeFrame;
    }
    ws.transform.compute(ws.frame);
    hannMagnitudes(ws.transform, ws.magnitudes);
    const norm = magnitudeNorm(ws.magnitudes);
    const centroid = spectralCentroid(ws.magnitudes, norm);
    ws.yin.compute(ws.frame, ws.transform, ws.cmnd);
    frames[t] = [
      orOne(frameRms(ws.frame)),
      orOne(frameZeroCrossingRate(zcrFrame)),
      orOne(spectralRolloff(ws.magnitudes)),
      orOne(spectralFlatness(ws.magnitudes)),
      orOne(spectralBandwidth(ws.magnitudes, norm, centroid)),
      orOne(centroid),
      orOne(yinF0(ws.cmnd)),
    ];
  }
  return { sampleRate: DESCRIPTOR_SAMPLE_RATE, hopLength: DESCRIPTOR_HOP_LENGTH, order: DESCRIPTOR_ORDER, frames };
}

/** The original replaces NaN by 1 (np.nan_to_num-like step); finite input never produces one. */
function orOne(x: number): number {
  return Number.isNaN(x) ? 1 : x;
}

export { DESCRIPTOR_ORDER, DESCRIPTOR_UNITS, type DescriptorMatrix, type DescriptorName } from './descriptor-matrix';
