import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WaveFile } from 'wavefile';
import { buildDataset, decodeNpyFloat32, DATASET_MANIFEST, type DatasetManifest } from '../../../core/dataset';
import { extractDescriptors } from '../../../core/descriptors';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { runCli } from '../../helpers/run-cli';

const made: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurorack-dataset-test-'));
  made.push(dir);
  return dir;
}

function writeWav(file: string, samples: Float32Array, rate = 22050): void {
  const wav = new WaveFile();
  wav.fromScratch(1, rate, '32f', samples);
  fs.writeFileSync(file, wav.toBuffer());
}

/** A decaying 440 Hz tone with `lead` seconds of silence before it. */
function tone(seconds: number, rate = 22050, lead = 0, amp = 0.5): Float32Array {
  const n = Math.round((seconds + lead) * rate);
  const out = new Float32Array(n);
  const l = Math.round(lead * rate);
  for (let i = l; i < n; i++) out[i] = amp * Math.exp(-(i - l) / rate * 3) * Math.sin((2 * Math.PI * 440 * (i - l)) / rate);
  return out;
}

async function expectError(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<NeurorackError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof NeurorackError, String(err));
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.describe(), pattern);
    return err;
  }
  assert.fail(`expected ${code}`);
}

describe('dataset build', () => {
  after(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds procedural one-shots whose descriptors are the host extractor\'s, with hash, duration and split', async () => {
    const out = tempDir();
    const m = await buildDataset({ outDir: out, synth: { count: 8, seed: 3 } });
    assert.ok(m.items.length >= 6, `only ${m.items.length} items`);
    assert.equal(m.totals.items, m.items.length);
    assert.equal(m.totals.train + m.totals.validation, m.items.length);
    const onDisk = JSON.parse(fs.readFileSync(path.join(out, DATASET_MANIFEST), 'utf8')) as DatasetManifest;
    assert.deepEqual(onDisk.items, m.items);
    for (const item of m.items) {
      const audio = decodeNpyFloat32(fs.readFileSync(path.join(out, item.audio)), item.audio);
      const desc = decodeNpyFloat32(fs.readFileSync(path.join(out, item.descriptors)), item.descriptors);
      assert.deepEqual(audio.shape, [item.samples]);
      assert.deepEqual(desc.shape, [item.frames, 7]);
      assert.equal(item.frames, Math.floor(item.samples / 512));
      assert.ok(Math.abs(item.durationS - item.samples / 22050) < 1e-9);
      assert.match(item.hash, /^[0-9a-f]{64}$/);
      assert.equal(item.id, item.hash.slice(0, 16));
      // one-shot rule: whole-clip RMS 0.1 unless the peak limit (0.99) bound first
      let sq = 0;
      let peak = 0;
      for (const v of audio.data) {
        sq += v * v;
        peak = Math.max(peak, Math.abs(v));
      }
      const rms = Math.sqrt(sq / audio.data.length);
      assert.ok(Math.abs(rms - 0.1) < 1e-3 || Math.abs(peak - 0.99) < 1e-3, `rms ${rms} peak ${peak}`);
      const expected = extractDescriptors(audio.data, 22050).frames;
      for (let t = 0; t < expected.length; t += 7) {
        for (let j = 0; j < 7; j++) assert.ok(Math.abs(desc.data[t * 7 + j] - Math.fround(expected[t][j])) <= 1e-6 * Math.max(1, Math.abs(expected[t][j])));
      }
    }
    // deterministic: the same options give the same items and splits
    const again = await buildDataset({ outDir: out, synth: { count: 8, seed: 3 }, force: true });
    assert.deepEqual(again.items.map((i) => [i.hash, i.split]), m.items.map((i) => [i.hash, i.split]));
    assert.ok(m.stats.mean.every(Number.isFinite) && m.stats.std.every((s) => s > 0));
  });

  it('splits by hash: validationPermille 1000 sends everything to validation, 0 nothing', async () => {
    const all = await buildDataset({ outDir: tempDir(), synth: { count: 3, seed: 1 }, validationPermille: 1000 });
    assert.ok(all.items.every((i) => i.split === 'validation'));
    const none = await buildDataset({ outDir: tempDir(), synth: { count: 3, seed: 1 }, validationPermille: 0 });
    assert.ok(none.items.every((i) => i.split === 'train'));
  });

  it('skips and lists corrupt, silent and too-short files among good ones, trims silence and resamples other rates', async () => {
    const src = tempDir();
    writeWav(path.join(src, 'good.wav'), tone(1.0, 22050, 0.5));
    writeWav(path.join(src, 'good-44k.wav'), tone(1.0, 44100), 44100);
    fs.writeFileSync(path.join(src, 'corrupt.wav'), Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunk'));
    fs.writeFileSync(path.join(src, 'not-audio.wav'), 'hello');
    writeWav(path.join(src, 'silent.wav'), new Float32Array(22050));
    writeWav(path.join(src, 'tiny.wav'), tone(0.05));
    const out = tempDir();
    const m = await buildDataset({ outDir: out, folders: [src] });
    assert.equal(m.items.length, 2);
    const skipped = Object.fromEntries(m.skipped.map((s) => [path.basename(s.file), s.reason]));
    assert.deepEqual(Object.keys(skipped).sort(), ['corrupt.wav', 'not-audio.wav', 'silent.wav', 'tiny.wav']);
    assert.match(skipped['corrupt.wav'], /NR_WAV_INVALID/);
    assert.match(skipped['silent.wav'], /silent/);
    assert.match(skipped['tiny.wav'], /too short/);
    const good = m.items.find((i) => i.source.endsWith('good.wav'))!;
    // 0.5 s of leading silence is trimmed (to within one 512-sample hop plus the half-frame reach)
    assert.ok(good.durationS < 1.1 && good.durationS > 0.9, `duration ${good.durationS}`);
    const resampled = m.items.find((i) => i.source.endsWith('good-44k.wav'))!;
    assert.ok(Math.abs(resampled.durationS - 1.0) < 0.05, `duration ${resampled.durationS}`);
  });

  it('refuses a folder with no usable audio, naming it and why', async () => {
    const src = tempDir();
    fs.writeFileSync(path.join(src, 'broken.wav'), 'not a wav');
    writeWav(path.join(src, 'silence.wav'), new Float32Array(44100));
    await expectError(buildDataset({ outDir: tempDir(), folders: [src] }), 'NR_DATASET_NO_USABLE_AUDIO', /none of its 2 WAV file\(s\) is usable.*broken\.wav/);
    const empty = tempDir();
    fs.writeFileSync(path.join(empty, 'notes.txt'), 'no audio here');
    await expectError(buildDataset({ outDir: tempDir(), folders: [empty] }), 'NR_DATASET_NO_USABLE_AUDIO', /holds no \.wav files/);
    await expectError(buildDataset({ outDir: tempDir(), folders: [path.join(empty, 'absent')] }), 'NR_FILE_NOT_FOUND');
  });

  it('does not replace an existing dataset without force', async () => {
    const out = tempDir();
    await buildDataset({ outDir: out, synth: { count: 1, seed: 1 } });
    await expectError(buildDataset({ outDir: out, synth: { count: 1, seed: 2 } }), 'NR_DATASET_INVALID', /--force/);
  });

  it('neurorack dataset build prints the totals and the skipped files; usage errors exit 2', async () => {
    const src = tempDir();
    writeWav(path.join(src, 'a.wav'), tone(0.8));
    fs.writeFileSync(path.join(src, 'b.wav'), 'garbage');
    const out = tempDir();
    const r = await runCli(['dataset', 'build', '--out', out, '--from', src, '--synth', '2', '--seed', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /dataset: \d+ items/);
    assert.match(r.stdout, /b\.wav: NR_WAV_INVALID/);
    const bad = await runCli(['dataset', 'build', '--out', tempDir()]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /NR_USAGE/);
    const noAudio = await runCli(['dataset', 'build', '--out', tempDir(), '--from', tempDir()]);
    assert.equal(noAudio.code, 2);
    assert.match(noAudio.stderr, /NR_DATASET_NO_USABLE_AUDIO/);
  });
});
