import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WaveFile } from 'wavefile';
import { extractDescriptors } from '../../../core/descriptors';
import type { ModelRenderer } from '../../../core/engine/model-renderer';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { activeFrames, evaluateModel, loadEvalSet, median, pearson, spectralDistanceDb, type EvalSound } from '../../../core/eval';

/** A decaying chirp followed by 4096 samples of silence, `frames * 512` samples long. */
function chirp(frames: number, f0 = 300): Float32Array {
  const n = frames * 512;
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n - 4096; i++) {
    const f = f0 + (3000 * i) / n;
    phase += (2 * Math.PI * f) / 22050;
    out[i] = 0.6 * Math.exp((-3 * i) / n) * Math.sin(phase) + 0.02 * Math.exp((-8 * i) / n) * Math.sin(i * 1.7);
  }
  return out;
}

function sound(samples: Float32Array, file = 'x.wav'): EvalSound {
  return { file, samples, frames: extractDescriptors(samples, 22050).frames };
}

/** Renders the original sound back: a perfect model. */
class EchoRenderer implements ModelRenderer {
  readonly id = 'echo';
  readonly sampleRate = 22050;
  readonly hop = 512;
  constructor(private readonly sounds: EvalSound[]) {}
  async render(frames: number[][]): Promise<Float32Array> {
    const s = this.sounds.find((x) => x.frames === frames)!;
    return s.samples.slice(0, frames.length * 512);
  }
}

/** Steady white noise whatever is asked: follows nothing. */
class NoiseRenderer implements ModelRenderer {
  readonly id = 'noise';
  readonly sampleRate = 22050;
  readonly hop = 512;
  async render(frames: number[][], seed: number): Promise<Float32Array> {
    let s = seed + 1;
    return Float32Array.from({ length: frames.length * 512 }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return 0.2 * (s / 1073741824 - 1);
    });
  }
}

describe('eval', () => {
  it('pearson and median', () => {
    assert.ok(Math.abs(pearson([1, 2, 3, 4], [2, 4, 6, 8]) - 1) < 1e-12);
    assert.ok(Math.abs(pearson([1, 2, 3, 4], [8, 6, 4, 2]) + 1) < 1e-12);
    assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
  });

  it('counts only frames whose asked RMS is above 1% of the peak', () => {
    const frames = [[1], [0.5], [0.011], [0.009], [0]].map((r) => [...r, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(activeFrames(frames), [0, 1, 2]);
  });

  it('a model that gives back the original scores perfectly: correlation 1, log-ratio 0, spectral distance 0', async () => {
    const sounds = [sound(chirp(60), 'a.wav'), sound(chirp(40, 500), 'b.wav')];
    const s = await evaluateModel(new EchoRenderer(sounds), sounds, 0);
    for (const name of ['rms', 'rolloff', 'bandwidth', 'centroid', 'zcr'] as const) {
      assert.ok(s.descriptors[name].correlation > 0.999999, `${name}: ${s.descriptors[name].correlation}`);
      assert.ok(s.descriptors[name].medianAbsLogRatio < 1e-9, `${name}: ${s.descriptors[name].medianAbsLogRatio}`);
      assert.ok(s.descriptors[name].pooledCorrelation > 0.999999);
    }
    assert.ok(s.spectralDistance < 1e-9, String(s.spectralDistance));
    assert.equal(s.sounds.length, 2);
    assert.ok(s.descriptors.rms.frames > 50);
  });

  it('a model that ignores the descriptors scores badly', async () => {
    const sounds = [sound(chirp(60), 'a.wav'), sound(chirp(40, 500), 'b.wav')];
    const s = await evaluateModel(new NoiseRenderer(), sounds, 3);
    assert.ok(!(s.descriptors.rms.correlation > 0.5), `rms corr ${s.descriptors.rms.correlation}`);
    assert.ok(!(s.descriptors.centroid.correlation > 0.5), `centroid corr ${s.descriptors.centroid.correlation}`);
    assert.ok(s.descriptors.centroid.medianAbsLogRatio > 0.3);
    assert.ok(s.spectralDistance > 5, String(s.spectralDistance));
  });

  it('spectral distance is symmetric and grows with a level change (10 dB for a factor sqrt(10) on a loud signal)', () => {
    const a = chirp(30);
    const b = a.map((v) => v * Math.sqrt(10));
    const d = spectralDistanceDb(a, b);
    assert.ok(d > 3 && d <= 10 + 1e-9, String(d));
    assert.ok(Math.abs(d - spectralDistanceDb(b, a)) < 1e-9);
  });

  it('an evaluation set with no readable WAV is NR_EVAL_SET_EMPTY; unreadable files are listed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurorack-eval-test-'));
    fs.writeFileSync(path.join(dir, 'bad.wav'), 'nope');
    await assert.rejects(loadEvalSet([path.join(dir, 'bad.wav')], dir), (e: unknown) => e instanceof NeurorackError && e.code === 'NR_EVAL_SET_EMPTY' && /bad\.wav/.test(e.message));
    await assert.rejects(loadEvalSet([], dir), (e: unknown) => e instanceof NeurorackError && e.code === 'NR_EVAL_SET_EMPTY');
    const wav = new WaveFile();
    wav.fromScratch(1, 22050, '32f', chirp(20));
    fs.writeFileSync(path.join(dir, 'good.wav'), wav.toBuffer());
    const set = await loadEvalSet([path.join(dir, 'bad.wav'), path.join(dir, 'good.wav')], dir);
    assert.equal(set.sounds.length, 1);
    assert.equal(set.skipped.length, 1);
    assert.match(set.skipped[0].reason, /NR_WAV_INVALID/);
  });
});
