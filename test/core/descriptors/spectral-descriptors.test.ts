import assert from 'node:assert/strict';
import FFT = require('fft.js');
import { FrameTransform } from '../../../core/descriptors/frame-transform';
import { BIN_HZ, hannMagnitudes, SPECTRUM_BINS } from '../../../core/descriptors/magnitude-spectrum';
import { magnitudeNorm, spectralCentroid } from '../../../core/descriptors/spectral-centroid';
import { spectralBandwidth } from '../../../core/descriptors/spectral-bandwidth';
import { spectralFlatness } from '../../../core/descriptors/spectral-flatness';
import { spectralRolloff } from '../../../core/descriptors/spectral-rolloff';

/** |STFT| of a cosine on bin k: a periodic Hann gives exactly bins k-1, k, k+1 = N A/8, N A/4, N A/8. */
function binCentredCosine(k: number, amplitude: number): Float64Array {
  return Float64Array.from({ length: 2048 }, (_, i) => amplitude * Math.cos((2 * Math.PI * k * i) / 2048));
}

describe('spectral descriptors', function () {
  const transform = new FrameTransform();
  const mag = new Float64Array(SPECTRUM_BINS);
  const spectrum = {
    compute(x: Float64Array, out: Float64Array): void {
      transform.compute(x);
      hannMagnitudes(transform, out);
    },
  };

  it('bins are 22050 / 2048 Hz apart', function () {
    assert.equal(BIN_HZ, 10.7666015625);
    assert.equal(SPECTRUM_BINS, 1025);
  });

  it('magnitudes equal |rfft(periodic hann * x)| on a random frame', function () {
    let seed = 3;
    const x = Float64Array.from({ length: 2048 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1);
    spectrum.compute(x, mag);
    const fft = new FFT(2048);
    const windowed = Float64Array.from(x, (v, i) => v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / 2048)));
    const out = new Float64Array(4096);
    fft.realTransform(out, windowed);
    for (let k = 0; k <= 1024; k++) {
      const expected = Math.hypot(out[2 * k], out[2 * k + 1]);
      assert.ok(Math.abs(mag[k] - expected) < 1e-10, `bin ${k}: ${mag[k]} vs ${expected}`);
    }
    // and one bin by the DFT definition, independent of any FFT
    let re = 0;
    let im = 0;
    for (let i = 0; i < 2048; i++) {
      re += windowed[i] * Math.cos((2 * Math.PI * 300 * i) / 2048);
      im -= windowed[i] * Math.sin((2 * Math.PI * 300 * i) / 2048);
    }
    assert.ok(Math.abs(mag[300] - Math.hypot(re, im)) < 1e-9);
  });

  it('magnitude spectrum of a bin-centred cosine has the three Hann bins', function () {
    spectrum.compute(binCentredCosine(100, 0.5), mag);
    assert.ok(Math.abs(mag[100] - 2048 * 0.5 / 4) < 1e-9, `bin 100: ${mag[100]}`);
    assert.ok(Math.abs(mag[99] - 2048 * 0.5 / 8) < 1e-9);
    assert.ok(Math.abs(mag[101] - 2048 * 0.5 / 8) < 1e-9);
    assert.ok(mag[98] < 1e-9 && mag[102] < 1e-9 && mag[0] < 1e-9);
  });

  it('centroid, bandwidth and rolloff of a bin-centred cosine', function () {
    spectrum.compute(binCentredCosine(100, 0.5), mag);
    const norm = magnitudeNorm(mag);
    const centroid = spectralCentroid(mag, norm);
    assert.ok(Math.abs(centroid - 100 * BIN_HZ) < 1e-6, `centroid ${centroid}`);
    // weights 1/4, 1/2, 1/4 at -1, 0, +1 bins: variance = BIN_HZ^2 / 2
    const bandwidth = spectralBandwidth(mag, norm, centroid);
    assert.ok(Math.abs(bandwidth - BIN_HZ / Math.SQRT2) < 1e-6, `bandwidth ${bandwidth}`);
    // running sums 0.25, 0.75, 1.0 of the total: 85 % is reached at bin 101
    assert.equal(spectralRolloff(mag), 101 * BIN_HZ);
  });

  it('flatness is 1 for a flat spectrum and exp(mean ln P) / mean P otherwise', function () {
    assert.ok(Math.abs(spectralFlatness(new Float64Array(1025).fill(3)) - 1) < 1e-12);
    const m = new Float64Array(1025); // silence: every bin floored at 1e-10
    assert.ok(Math.abs(spectralFlatness(m) - 1) < 1e-12);
    m.fill(1);
    m[0] = 0; // P = [1e-10, 1, ..., 1]
    const expected = Math.exp(Math.log(1e-10) / 1025) / (1024 / 1025);
    assert.ok(Math.abs(spectralFlatness(m) - expected) < 1e-12);
  });

  it('silence: rolloff 0 Hz, centroid 0 Hz, bandwidth 0', function () {
    const zero = new Float64Array(1025);
    const norm = magnitudeNorm(zero);
    assert.equal(norm, 1);
    assert.equal(spectralRolloff(zero), 0);
    assert.equal(spectralCentroid(zero, norm), 0);
    assert.equal(spectralBandwidth(zero, norm, 0), 0);
  });
});
