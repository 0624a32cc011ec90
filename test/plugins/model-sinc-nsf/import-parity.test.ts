import { strict as assert } from 'node:assert';
import { importedModelDir, readCase, skipReason } from './fixture-model';
import { SincNsfModel } from '../../../plugins/model-sinc-nsf/sinc-nsf-model';
import { DESCRIPTOR_ORDER } from '../../../core/descriptors/descriptor-matrix';

describe('model-sinc-nsf: importing the original checkpoint', function () {
  this.timeout(300_000);
  let model: SincNsfModel;

  before(async function () {
    const why = skipReason();
    if (why) {
      console.log(`    skipped: ${why}`);
      this.skip();
    }
    model = await SincNsfModel.load(await importedModelDir());
  });
  after(async () => { await model?.dispose(); });

  it('reproduces case-a within 1e-3 max abs and 60 dB SNR', async () => {
    const desc = readCase('descriptors');
    const ref = readCase('audio');
    const t = desc.length / 7;
    const audio = await model.run(desc, t, readCase('harmonic_phase'), readCase('harmonic_noise'), readCase('noise_excitation'));
    let max = 0; let err = 0; let sig = 0;
    for (let i = 0; i < ref.length; i++) {
      const e = audio[i]! - ref[i]!;
      max = Math.max(max, Math.abs(e)); err += e * e; sig += ref[i]! * ref[i]!;
    }
    const snr = 10 * Math.log10(sig / err);
    console.log(`    case-a: max abs error ${max.toExponential(2)}, SNR ${snr.toFixed(1)} dB`);
    assert.ok(max <= 1e-3, `max abs error ${max}`);
    assert.ok(snr >= 60, `SNR ${snr} dB`);
  });

  it('writes the checkpoint statistics into the manifest', () => {
    assert.equal(model.manifest.normalisation.mean.length, 7);
    assert.ok(Math.abs(model.manifest.normalisation.mean[6]! - 1241.0) < 1);
    assert.deepEqual(model.manifest.descriptors.map((d) => d.name), [...DESCRIPTOR_ORDER]);
  });
});
