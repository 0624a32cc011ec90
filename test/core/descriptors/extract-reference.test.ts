import assert from 'node:assert/strict';
import { readWavFile } from '../../../core/audio/wav-read';
import { DESCRIPTOR_ORDER } from '../../../core/descriptors/descriptor-matrix';
import { extractDescriptors } from '../../../core/descriptors/extract';
import {
  fixtureWav,
  haveDescriptorFixtures,
  listDescriptorFixtures,
  loadReference,
} from './descriptor-fixtures';

const BIN_HZ = 22050 / 2048;
const SKIP_MESSAGE = 'shared descriptor fixtures (../shared/fixtures/descriptors) are not present';

/** |a - b| within rel * |b|, or within abs when b is near zero. */
function close(a: number, b: number, rel: number, abs: number): boolean {
  return Math.abs(a - b) <= Math.max(rel * Math.abs(b), abs);
}

/** Fraction of frames of column j where `ok(ours, reference)` holds. */
function passRate(ours: number[][], ref: number[][], j: number, ok: (a: number, b: number) => boolean): { rate: number; worst: string } {
  let pass = 0;
  let worst = '';
  let worstErr = -1;
  for (let t = 0; t < ref.length; t++) {
    if (ok(ours[t][j], ref[t][j])) pass++;
    const err = Math.abs(ours[t][j] - ref[t][j]);
    if (err > worstErr) {
      worstErr = err;
      worst = `frame ${t}: ${ours[t][j]} vs ${ref[t][j]}`;
    }
  }
  return { rate: ref.length ? pass / ref.length : 1, worst };
}

describe('extractDescriptors against the librosa 0.9.2 reference fixtures', function () {
  const { withReference, withoutReference } = listDescriptorFixtures();

  before(function () {
    if (!haveDescriptorFixtures()) this.skip();
  });

  it('finds the fixtures', function () {
    if (!haveDescriptorFixtures()) this.skip();
    assert.ok(withReference.length >= 15, `expected at least 15 fixtures with reference JSON, found ${withReference.length}`);
  });

  if (!haveDescriptorFixtures()) {
    it(`(skipped: ${SKIP_MESSAGE})`, function () {
      this.skip();
    });
  }

  for (const name of withReference) {
    describe(name, function () {
      let ours: number[][];
      let ref: ReturnType<typeof loadReference>;

      before(function () {
        ref = loadReference(name);
        const audio = readWavFile(fixtureWav(name));
        assert.equal(audio.sampleRate, 22050);
        assert.equal(audio.mono.length, ref.samples);
        ours = extractDescriptors(audio.mono, audio.sampleRate).frames;
      });

      it('has floor(n / 512) frames of 7 values in the reference order', function () {
        assert.deepEqual(ref.descriptor_order, [...DESCRIPTOR_ORDER]);
        assert.equal(ref.frames, 1 + Math.floor(ref.samples / 512));
        assert.equal(ref.neurorack_frames, ref.frames - 1);
        assert.equal(ours.length, ref.neurorack_frames);
        for (const row of ours) assert.equal(row.length, 7);
      });

      it('matches the neurorack matrix within the issue tolerances', function () {
        for (const j of [0, 1, 3, 4, 5]) {
          const { rate, worst } = passRate(ours, ref.neurorack, j, (a, b) => close(a, b, 1e-4, 1e-6));
          assert.ok(rate >= 0.995, `${DESCRIPTOR_ORDER[j]}: only ${(100 * rate).toFixed(2)} % of frames within 1e-4 (worst ${worst})`);
        }
        const rolloff = passRate(ours, ref.neurorack, 2, (a, b) => Math.abs(a - b) <= BIN_HZ + 1e-9);
        assert.equal(rolloff.rate, 1, `rolloff: a frame is more than one bin off (${rolloff.worst})`);
        const exactRolloff = passRate(ours, ref.neurorack, 2, (a, b) => close(a, b, 1e-4, 1e-6));
        assert.ok(exactRolloff.rate >= 0.99, `rolloff: only ${(100 * exactRolloff.rate).toFixed(2)} % of frames on the same bin`);
        const f0 = passRate(ours, ref.neurorack, 6, (a, b) => close(a, b, 1e-3, 0));
        assert.ok(f0.rate >= 0.99, `f0: only ${(100 * f0.rate).toFixed(2)} % of frames within 0.1 % (worst ${f0.worst})`);
      });

      it('matches the float64-input reference to 1e-8 on every frame', function () {
        const ref64 = ref.variants.float64_input.neurorack;
        for (let j = 0; j < 7; j++) {
          const { rate, worst } = passRate(ours, ref64, j, (a, b) => close(a, b, 1e-8, 1e-12));
          assert.equal(rate, 1, `${DESCRIPTOR_ORDER[j]}: float64 mismatch (${worst})`);
        }
      });
    });
  }

  describe('held-out fixtures (no reference JSON): frame count and value ranges', function () {
    for (const name of withoutReference) {
      it(name, function () {
        const audio = readWavFile(fixtureWav(name));
        const frames = extractDescriptors(audio.mono, audio.sampleRate).frames;
        assert.equal(frames.length, Math.floor(audio.mono.length / 512));
        for (const [t, [rms, zcr, rolloff, flatness, bandwidth, centroid, f0]] of frames.entries()) {
          const at = `${name} frame ${t}`;
          assert.ok(rms >= 0 && rms <= 1.5, `${at}: rms ${rms}`);
          assert.ok(Number.isInteger(zcr * 2048) && zcr >= 0 && zcr <= 1, `${at}: zcr ${zcr}`);
          assert.ok(Number.isInteger(Math.round(rolloff / BIN_HZ)) && Math.abs(rolloff / BIN_HZ - Math.round(rolloff / BIN_HZ)) < 1e-9, `${at}: rolloff ${rolloff} not on a bin`);
          assert.ok(flatness > 0 && flatness <= 1 + 1e-9, `${at}: flatness ${flatness}`);
          assert.ok(centroid >= 0 && centroid <= 11025 && bandwidth >= 0 && bandwidth <= 11025, `${at}: centroid ${centroid}, bandwidth ${bandwidth}`);
          assert.ok(f0 >= 50 - 1e-9 && f0 <= 5512.5 + 1e-9, `${at}: f0 ${f0}`);
        }
      });
    }
  });
});
