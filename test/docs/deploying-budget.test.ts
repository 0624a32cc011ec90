import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';

/**
 * FRAVE's default architecture (training/neurorack_frave/config.py on main, FraveConfig's defaults),
 * and its decoder as model.py builds it: the numbers deploying.md's budget states are recomputed
 * from these, so a changed count or a typo in the table fails here.
 */
const FRAVE = { sampleRate: 22050, hop: 512, bands: 16, tapsPerBand: 8, latent: 8, descriptors: 7, decoderChannels: [128, 96, 64, 48, 32], decoderRatios: [2, 2, 2, 4], frameConvs: 3, kernel: 3 };

/** [per-step multiply-adds, rate in Hz] of each decoder stage, in the table's order. */
function decoderStages(): Array<[number, number]> {
  const f = FRAVE;
  const residual = (c: number) => c * c * f.kernel + c * c; // dilated kernel-3 convolution, then a 1x1 mix
  let rate = f.sampleRate / f.hop;
  const stages: Array<[number, number]> = [[(f.latent + f.descriptors) * f.decoderChannels[0]! * f.kernel + f.frameConvs * residual(f.decoderChannels[0]!), rate]];
  f.decoderRatios.forEach((r, i) => {
    rate *= r;
    const cin = f.decoderChannels[i]!;
    const cout = f.decoderChannels[i + 1]!;
    stages.push([cin * cout * (2 * r + 1) + 2 * residual(cout), rate]);
  });
  const last = f.decoderChannels[f.decoderChannels.length - 1]!;
  stages.push([3 * last * f.bands * f.kernel, rate], [f.bands * f.bands * f.tapsPerBand, rate]);
  return stages;
}

describe('docs/deploying.md: FRAVE in the per-board budget', () => {
  const doc = readFileSync(join(packageRoot, 'docs', 'deploying.md'), 'utf8');
  const stages = decoderStages();

  it('ends the decoder at the band rate (the ratios times the bands make the hop)', () => {
    assert.equal(stages[stages.length - 1]![1], FRAVE.sampleRate / FRAVE.bands);
  });

  it('states each decoder stage\'s multiply-adds per step and per second of audio as counted', () => {
    for (const [macs, rate] of stages) {
      const perStep = macs.toLocaleString('en-US');
      const perSecond = `${((macs * rate) / 1e6).toFixed(2)} M`;
      assert.match(doc, new RegExp(`\\| ${perStep} \\| [^|]+ \\| ${perSecond.replace('.', '\\.')} \\|`), `a row with ${perStep} per step and ${perSecond} per second`);
    }
  });

  it('states the decoder\'s total per second and per sample, beside the sinc-NSF\'s', () => {
    const total = stages.reduce((s, [m, r]) => s + m * r, 0);
    assert.ok(doc.includes(`**${(total / 1e6).toFixed(1)} M (${Math.round(total / FRAVE.sampleRate).toLocaleString('en-US')} per output sample)**`));
    assert.match(doc, /\| FRAVE decoder multiply-adds per second of audio[^\n]*82 M[^\n]*516 M/);
    assert.match(doc, /\| FRAVE real-time factor[^\n]*\*\*estimated\*\*[^\n]*\*\*estimated\*\*[^\n]*\*\*estimated\*\*/);
  });
});
