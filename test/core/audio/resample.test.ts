import assert from 'node:assert/strict';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { resampleOffline } from '../../../core/audio/resample';
import { extractDescriptors } from '../../../core/descriptors/extract';
import { extractDescriptorsAtRate } from '../../../core/descriptors/extract-from-file';

function sine(hz: number, rate: number, n: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

function maxInteriorError(y: Float32Array, hz: number, rate: number, margin: number): number {
  let err = 0;
  for (let i = margin; i < y.length - margin; i++) err = Math.max(err, Math.abs(y[i] - 0.5 * Math.sin((2 * Math.PI * hz * i) / rate)));
  return err;
}

describe('resampleOffline', function () {
  it('gives ceil(n * ratio) samples, time-aligned with the input', async function () {
    for (const [from, n] of [[44100, 44101], [48000, 48000], [16000, 16001], [8000, 777]] as const) {
      const y = await resampleOffline(sine(440, from, n), from, 22050);
      assert.equal(y.length, Math.ceil((n * 22050) / from), `${from} Hz, ${n} samples`);
      assert.ok(maxInteriorError(y, 440, 22050, 200) < 1e-3, `${from} Hz: a 440 Hz sine is not a 440 Hz sine after resampling`);
    }
  });

  it('handles long inputs whole (the library simple() loses everything past its first chunk)', async function () {
    this.timeout(60000);
    const n = 44100 * 30;
    const y = await resampleOffline(sine(1000, 44100, n), 44100, 22050);
    assert.equal(y.length, n / 2);
    assert.ok(maxInteriorError(y, 1000, 22050, 200) < 1e-3);
  });

  it('returns the input when the rates match and refuses unusable rates', async function () {
    const x = sine(440, 22050, 100);
    assert.equal(await resampleOffline(x, 22050, 22050), x);
    for (const rate of [0, -1, 44100.5, NaN, 400000]) {
      await assert.rejects(resampleOffline(x, rate, 22050), (err: unknown) => err instanceof NeurorackError && err.code === 'NR_AUDIO_RATE_UNSUPPORTED');
    }
  });
});

describe('extractDescriptorsAtRate on resampled input', function () {
  for (const rate of [44100, 48000]) {
    it(`a ${rate} Hz sine gives the same f0, centroid and rms as at 22050 Hz`, async function () {
      const seconds = 2;
      const native = extractDescriptors(sine(441, 22050, 22050 * seconds), 22050).frames;
      const resampled = (await extractDescriptorsAtRate(sine(441, rate, rate * seconds), rate)).frames;
      assert.equal(resampled.length, native.length);
      for (let t = 2; t < native.length - 2; t++) {
        const [rmsA, , , , , centroidA, f0A] = native[t];
        const [rmsB, , , , , centroidB, f0B] = resampled[t];
        assert.ok(Math.abs(f0B - f0A) / f0A < 1e-3, `frame ${t}: f0 ${f0B} vs ${f0A}`);
        assert.ok(Math.abs(centroidB - centroidA) / centroidA < 1e-3, `frame ${t}: centroid ${centroidB} vs ${centroidA}`);
        assert.ok(Math.abs(rmsB - rmsA) / rmsA < 1e-3, `frame ${t}: rms ${rmsB} vs ${rmsA}`);
      }
    });
  }
});
