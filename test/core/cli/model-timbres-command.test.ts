import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { readWavFile } from '../../../core/audio/wav-read';
import { parseTimbre } from '../../../core/model-runtime/timbre-file';
import { FraveModel } from '../../../plugins/model-frave/frave-model';
import { freshTimbresDir, SHIPPED } from '../../plugins/model-frave/frave-helpers';
import { runCli } from '../../helpers/run-cli';
import { DESCRIPTOR_ORDER } from '../../../core/descriptors/descriptor-matrix';

function writeWav(file: string, samples: Float32Array, rate = 22050): void {
  const wav = new WaveFile();
  wav.fromScratch(1, rate, '32f', samples);
  writeFileSync(file, wav.toBuffer());
}

/** A decaying, noisy tone: something an encoder can take. */
function hit(seconds: number, rate = 22050, f = 220): Float32Array {
  let s = 1;
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => {
    s = (s * 16807) % 2147483647;
    return 0.5 * Math.exp((-3 * i) / rate) * (Math.sin((2 * Math.PI * f * i) / rate) + 0.3 * (s / 2147483647 - 0.5));
  });
}

describe('neurorack model add-timbre / model timbres / render --timbre (FRAVE)', function () {
  this.timeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'nr-timbre-cli-'));
  let timbres: ReturnType<typeof freshTimbresDir>;
  before(() => { timbres = freshTimbresDir(); });
  after(() => timbres.restore());

  const curves = join(dir, 'curve.json');
  before(() => {
    const frames = Array.from({ length: 40 }, (_, t) => [0.2 * Math.exp(-t / 12), 0.1, 2500, 0.03, 1100, 1500, 300]);
    writeFileSync(curves, JSON.stringify({ sample_rate: 22050, hop_length: 512, descriptor_order: [...DESCRIPTOR_ORDER], frames }));
  });

  it('renders finite, non-silent audio with each shipped timbre, and the timbres sound different', async () => {
    const listed = await runCli(['model', 'timbres', 'frave-impacts-v1', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const names = (JSON.parse(listed.stdout) as Array<{ name: string }>).map((t) => t.name);
    assert.equal(names.length, 8);
    const renders: Float32Array[] = [];
    for (const name of names) {
      const out = join(dir, `${name}.wav`);
      const res = await runCli(['render', '--model', 'frave-impacts-v1', '--descriptors', curves, '--timbre', name, '--seed', '3', '--out', out]);
      assert.equal(res.code, 0, res.stderr);
      const { mono } = readWavFile(out);
      assert.equal(mono.length, 40 * 512);
      assert.ok(mono.every(Number.isFinite));
      assert.ok(Math.sqrt(mono.reduce((s, v) => s + v * v, 0) / mono.length) > 1e-3, `${name} is not silent`);
      renders.push(mono);
    }
    for (let i = 1; i < renders.length; i++) assert.ok(renders[i]!.some((v, k) => v !== renders[0]![k]), `${names[i]} differs from ${names[0]}`);
  });

  it('refuses an unknown timbre (NR_TIMBRE_NOT_FOUND) and --timbre for a model without a latent (NR_TIMBRE_UNSUPPORTED)', async () => {
    const unknown = await runCli(['render', '--model', 'frave-impacts-v1', '--descriptors', curves, '--timbre', 'nope', '--out', join(dir, 'x.wav')]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /NR_TIMBRE_NOT_FOUND/);
    const sinc = await runCli(['render', '--model', 'sinc-nsf-impacts-v1', '--descriptors', curves, '--timbre', 'metal', '--out', join(dir, 'y.wav')]);
    assert.equal(sinc.code, 2);
    assert.match(sinc.stderr, /NR_TIMBRE_UNSUPPORTED/);
  });

  it('add-timbre encodes a WAV into the user timbre folder; it is listed, plays, and holds the encoder\'s latent of that sound', async () => {
    const wav = join(dir, 'hit.wav');
    const sound = hit(0.8);
    writeWav(wav, sound);
    const added = await runCli(['model', 'add-timbre', 'frave-impacts-v1', wav, '--name', 'my-hit']);
    assert.equal(added.code, 0, added.stderr);
    const file = join(timbres.dir, 'frave-impacts-v1', 'my-hit.json');
    const doc = parseTimbre(readFileSync(file), 8, file);
    assert.equal(doc.frames, Math.floor(sound.length / 512));
    const listed = await runCli(['model', 'timbres', 'frave-impacts-v1']);
    assert.match(listed.stdout, /my-hit\s+user\s+34 frames\s+wav: hit\.wav/);
    const played = await runCli(['render', '--model', 'frave-impacts-v1', '--descriptors', curves, '--timbre', 'my-hit', '--out', join(dir, 'mine.wav')]);
    assert.equal(played.code, 0, played.stderr);
    const model = await FraveModel.load(SHIPPED, { checkGolden: false });
    try {
      const z = await model.encodeTimbre(sound.subarray(0, doc.frames * 512));
      const err = Math.max(...z.flatMap((row, t) => row.map((v, k) => Math.abs(v - doc.latent[t]![k]!))));
      assert.ok(err <= 1e-6, `stored latent off by ${err}`);
    } finally {
      await model.dispose();
    }
    const again = await runCli(['model', 'add-timbre', 'frave-impacts-v1', wav, '--name', 'my-hit']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /NR_TIMBRE_EXISTS/);
    assert.equal((await runCli(['model', 'add-timbre', 'frave-impacts-v1', wav, '--name', 'my-hit', '--force'])).code, 0);
    const shipped = await runCli(['model', 'add-timbre', 'frave-impacts-v1', wav, '--name', 'metal', '--force']);
    assert.match(shipped.stderr, /NR_TIMBRE_EXISTS: .*ships a timbre named "metal"/);
  });

  it('resamples a WAV at another rate; refuses a silent or too short one (NR_TIMBRE_AUDIO_UNUSABLE) and a bad name', async () => {
    writeWav(join(dir, 'hit44.wav'), hit(0.5, 44100), 44100);
    const res = await runCli(['model', 'add-timbre', 'frave-impacts-v1', join(dir, 'hit44.wav'), '--name', 'hit44']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /resampled from 44100 Hz to 22050 Hz/);
    writeWav(join(dir, 'silent.wav'), new Float32Array(22050));
    const silent = await runCli(['model', 'add-timbre', 'frave-impacts-v1', join(dir, 'silent.wav'), '--name', 'quiet']);
    assert.equal(silent.code, 2);
    assert.match(silent.stderr, /NR_TIMBRE_AUDIO_UNUSABLE: .*silent\.wav: silent/);
    writeWav(join(dir, 'short.wav'), hit(0.15));
    const short = await runCli(['model', 'add-timbre', 'frave-impacts-v1', join(dir, 'short.wav'), '--name', 'short']);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /NR_TIMBRE_AUDIO_UNUSABLE: .*short\.wav: too short: 0\.150 s is 6 frames, expected at least 8/);
    const badName = await runCli(['model', 'add-timbre', 'frave-impacts-v1', join(dir, 'hit.wav'), '--name', 'Bad Name']);
    assert.equal(badName.code, 2);
    assert.match(badName.stderr, /NR_USAGE/);
  });
});
