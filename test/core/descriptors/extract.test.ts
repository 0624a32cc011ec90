import assert from 'node:assert/strict';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { DESCRIPTOR_ORDER, DESCRIPTOR_UNITS, extractDescriptors } from '../../../core/descriptors/extract';
import { extractDescriptorsAtRate } from '../../../core/descriptors/extract-from-file';

function sine(hz: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof NeurorackError, `expected a NeurorackError, got ${String(err)}`);
    return err.code;
  }
  assert.fail('expected an error');
}

describe('extractDescriptors', function () {
  it('returns the documented shape, order and units', function () {
    const m = extractDescriptors(sine(440, 22050, 1), 22050);
    assert.equal(m.sampleRate, 22050);
    assert.equal(m.hopLength, 512);
    assert.deepEqual([...m.order], [...DESCRIPTOR_ORDER]);
    assert.equal(m.order, DESCRIPTOR_ORDER);
    assert.equal(m.frames.length, 43);
    for (const name of DESCRIPTOR_ORDER) assert.ok(DESCRIPTOR_UNITS[name].unit.length > 0);
    assert.equal(DESCRIPTOR_UNITS.rms.unit, 'linear amplitude');
    assert.equal(DESCRIPTOR_UNITS.f0.unit, 'Hz');
  });

  it('keeps floor(n / 512) frames (librosa count minus the dropped last frame)', function () {
    assert.equal(extractDescriptors(new Float32Array(511), 22050).frames.length, 0);
    assert.equal(extractDescriptors(new Float32Array(512), 22050).frames.length, 1);
    assert.equal(extractDescriptors(new Float32Array(1000), 22050).frames.length, 1);
    assert.equal(extractDescriptors(new Float32Array(22050), 22050).frames.length, 43);
  });

  it('describes a 441 Hz sine in interior frames: rms A/sqrt2, f0 441, centroid near 441', function () {
    const m = extractDescriptors(sine(441, 22050, 1, 0.5), 22050);
    for (const row of m.frames.slice(2, -2)) {
      const [rms, zcr, , flatness, , centroid, f0] = row;
      assert.ok(Math.abs(rms - 0.5 / Math.SQRT2) < 2e-3, `rms ${rms}`);
      assert.ok(Math.abs(zcr - (2 * 441 * 2048) / 22050 / 2048) < 2 / 2048, `zcr ${zcr}`);
      assert.ok(Math.abs(f0 - 441) < 0.441, `f0 ${f0}`);
      assert.ok(Math.abs(centroid - 441) < 15, `centroid ${centroid}`);
      assert.ok(flatness < 1e-3, `flatness ${flatness}`);
    }
  });

  it('silence gives rms 0, zcr 0, rolloff 0, flatness ~1, bandwidth 0, centroid 0, f0 5512.5', function () {
    for (const row of extractDescriptors(new Float64Array(4096), 22050).frames) {
      assert.deepEqual(row.map((v, j) => (j === 3 ? Math.round(v * 1e9) / 1e9 : v)), [0, 0, 0, 1, 0, 0, 5512.5]);
    }
  });

  it('gives the same values for float32 and float64 input holding the same numbers', function () {
    const f32 = sine(300, 22050, 0.5);
    assert.deepEqual(extractDescriptors(Float64Array.from(f32), 22050).frames, extractDescriptors(f32, 22050).frames);
  });

  it('refuses another rate, empty and non-finite input with catalogue codes', function () {
    assert.equal(errorCode(() => extractDescriptors(new Float32Array(1000), 44100)), 'NR_AUDIO_RATE_UNSUPPORTED');
    assert.equal(errorCode(() => extractDescriptors(new Float32Array(0), 22050)), 'NR_AUDIO_EMPTY');
    const bad = new Float64Array(1000);
    bad[500] = NaN;
    assert.equal(errorCode(() => extractDescriptors(bad, 22050)), 'NR_AUDIO_NOT_FINITE');
    bad[500] = -Infinity;
    assert.equal(errorCode(() => extractDescriptors(bad, 22050)), 'NR_AUDIO_NOT_FINITE');
  });

  it('extractDescriptorsAtRate passes 22050 Hz input straight through', async function () {
    const x = sine(200, 22050, 0.3);
    assert.deepEqual((await extractDescriptorsAtRate(x, 22050)).frames, extractDescriptors(x, 22050).frames);
  });
});
