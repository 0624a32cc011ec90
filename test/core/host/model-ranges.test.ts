import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainingRanges } from '../../../core/host/model-ranges';

describe('training ranges from an installed model\'s manifest (the perform page\'s range badge)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nr-ranges-'));
  const models = [{ id: 'ranges-test', dir, runtime: 'onnx', source: 'user' as const }];
  const manifest = (f0Max: number, mtimeS: number): void => {
    const file = join(dir, 'manifest.json');
    writeFileSync(file, JSON.stringify({ descriptors: [{ name: 'f0', unit: 'Hz', train_min: 40, train_max: f0Max }, { name: 'rms' }] }));
    utimesSync(file, mtimeS, mtimeS);
  };
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the ranges once, looks at the file again at most once a second, and reads it again when it changed', () => {
    manifest(2950, 1_000);
    assert.deepEqual(trainingRanges('ranges-test', models, 10_000), [{ name: 'f0', unit: 'Hz', trainMin: 40, trainMax: 2950 }], 'descriptors without a range are left out');
    manifest(3100, 2_000);
    assert.equal(trainingRanges('ranges-test', models, 10_500)[0]!.trainMax, 2950, 'within a second of the last look, the file is not looked at');
    assert.equal(trainingRanges('ranges-test', models, 11_001)[0]!.trainMax, 3100, 'a second later the changed manifest is read');
    assert.deepEqual(trainingRanges('unknown', models, 11_002), []);
    assert.deepEqual(trainingRanges(null, models, 11_003), []);
  });
});
