import { strict as assert } from 'node:assert';
import { DESCRIPTOR_SAMPLE_RATE, extractDescriptors } from '../../../../core/descriptors';
import { followScore } from '../../../../core/host/follow/follow-score';
import { generateImpact } from '../../../../core/synth/generate-impact';
import { makeImpactRecipe } from '../../../../core/synth/recipes/make-recipe';

const curvesOf = (audio: Float32Array): number[][] => extractDescriptors(audio, DESCRIPTOR_SAMPLE_RATE).frames.map((f) => Array.from(f));

describe('followScore', () => {
  const metal = generateImpact(3, makeImpactRecipe(3, 'metal'));
  const boom = generateImpact(4, makeImpactRecipe(4, 'boom'));

  it('scores a render that is exactly its curves at r = 1 on every descriptor', () => {
    const s = followScore(curvesOf(metal), metal);
    assert.equal(s.r, 1);
    assert.ok(s.descriptors.every((d) => d.r === null || d.r === 1), JSON.stringify(s.descriptors));
    assert.ok(s.frames > 10);
  });

  it('scores a render of other curves lower, names the descriptor followed least, and counts only frames above 1% of the asked peak RMS', () => {
    const asked = curvesOf(boom);
    const s = followScore(asked, metal);
    assert.ok(s.r !== null && s.r < 0.9, `r ${s.r}`);
    assert.ok(s.worst && s.descriptors.every((d) => d.r === null || d.r >= s.worst!.r));
    const peak = Math.max(...asked.map((f) => f[0]!));
    const rendered = curvesOf(metal).length;
    const active = asked.filter((f, t) => f[0]! > 0.01 * peak && t < rendered).length;
    assert.equal(s.frames, active);
  });
});
