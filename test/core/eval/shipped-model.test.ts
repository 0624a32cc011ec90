import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths } from '../../../core/paths';
import { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';

const dir = path.join(paths.models, 'sinc-nsf-impacts-v1');

describe('the shipped default model, models/sinc-nsf-impacts-v1', () => {
  it('loads in the host: manifest valid, sha256 verified, golden vector reproduced', async () => {
    const model = await SincNsfModel.load(dir);
    try {
      assert.equal(model.id, 'sinc-nsf-impacts-v1');
      assert.equal(model.sampleRate, 22050);
      const row = model.manifest.normalisation.mean.slice();
      const audio = await model.render(Array.from({ length: 40 }, (_, t) => row.map((v, k) => (k === 0 ? v * Math.exp(-t / 10) : v))), 7);
      assert.equal(audio.length, 40 * 512);
      assert.ok(audio.every(Number.isFinite));
      const peak = audio.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      assert.ok(peak > 1e-3 && peak < 2, `peak ${peak}`);
    } finally {
      await model.dispose();
    }
  });

  it('is small, openly licensed, trained on our own data, and its card gives its figures next to the original\'s', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { licence: string; files: { path: string; bytes: number }[]; training: { steps: number; dataset: { source: string } } };
    assert.equal(manifest.licence, 'CC0-1.0');
    const onnx = manifest.files.find((f) => f.path.endsWith('.onnx'))!;
    assert.ok(onnx.bytes < 4 * 1024 * 1024, `${onnx.bytes} bytes`);
    assert.ok(manifest.training.steps > 0);
    assert.match(manifest.training.dataset.source, /procedural/i);
    const card = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    for (const heading of ['## Licence', '## Training', '## Evaluation', '## Notes and limitations']) assert.ok(card.includes(heading), heading);
    assert.match(card, /\| rms \| \d\.\d{3} \| \d\.\d{3} \| 0\.99 \|/);
    assert.match(card, /hours of compute/);
  });
});
