import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeWav } from '../../../core/audio/wav-read';
import { generateImpactBatch } from '../../../core/synth/impact-batch';
import { tempDir } from '../banks/bank-fixture';

describe('generateImpactBatch', function () {
  it('writes WAVs and recipe sidecars, byte-identical for the same seed, different for another', async function () {
    const a = tempDir('synth-a');
    const b = tempDir('synth-b');
    const c = tempDir('synth-c');
    await generateImpactBatch({ count: 5, seed: 9, outDir: a, categories: ['glass', 'boom'] });
    await generateImpactBatch({ count: 5, seed: 9, outDir: b, categories: ['glass', 'boom'] });
    await generateImpactBatch({ count: 5, seed: 10, outDir: c, categories: ['glass', 'boom'] });
    const names = fs.readdirSync(a).sort();
    assert.deepEqual(names, [
      'boom-0001.json', 'boom-0001.wav', 'boom-0003.json', 'boom-0003.wav',
      'glass-0000.json', 'glass-0000.wav', 'glass-0002.json', 'glass-0002.wav', 'glass-0004.json', 'glass-0004.wav',
    ]);
    for (const n of names) {
      assert.ok(fs.readFileSync(path.join(a, n)).equals(fs.readFileSync(path.join(b, n))), `${n} differs between equal seeds`);
      if (n.endsWith('.wav')) assert.ok(!fs.readFileSync(path.join(a, n)).equals(fs.readFileSync(path.join(c, n))), `${n} equal across seeds`);
    }
    const sidecar = JSON.parse(fs.readFileSync(path.join(a, 'boom-0001.json'), 'utf8'));
    assert.equal(sidecar.recipe.category, 'boom');
    assert.equal(sidecar.batch.seed, 9);
    assert.equal(sidecar.batch.index, 1);
    const audio = decodeWav(fs.readFileSync(path.join(a, 'boom-0001.wav')), 'boom-0001.wav');
    assert.equal(audio.sampleRate, 22050);
    assert.equal(audio.channels.length, 1);
    assert.equal(audio.mono.length, Math.round(sidecar.recipe.durationS * 22050));
  });

  it('does not let the count change the first items', async function () {
    const a = tempDir('synth-count-a');
    const b = tempDir('synth-count-b');
    await generateImpactBatch({ count: 2, seed: 4, outDir: a });
    await generateImpactBatch({ count: 4, seed: 4, outDir: b });
    for (const n of fs.readdirSync(a)) assert.ok(fs.readFileSync(path.join(a, n)).equals(fs.readFileSync(path.join(b, n))), n);
  });

  it('cycles through the seven default categories when none is named, so older batches come out the same', async function () {
    const dir = tempDir('synth-default');
    const items = await generateImpactBatch({ count: 8, seed: 4, outDir: dir });
    assert.deepEqual(items.map((i) => i.recipe.category), ['metal', 'wood', 'glass', 'membrane', 'boom', 'noise', 'debris', 'metal']);
  });
});
