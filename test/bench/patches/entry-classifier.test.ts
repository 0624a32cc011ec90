import { strict as assert } from 'node:assert';
import { buildReferences, classifyAt, classifyCentroid, rightSoundIndex, separation } from '../../../bench/patches/entry-classifier';
import { spectralCentroid } from '../../../bench/patches/spectral-centroid';
import { bright, dark, mixAt, ms, SR } from './synthetic-sounds';

describe('bench:patches entry classifier (spectral centroid at the attack)', () => {
  const refs = buildReferences([
    ...[1, 2, 3].map(() => ({ entry: 'A' as const, centroidHz: spectralCentroid(dark(ms(30)), 0, ms(30), SR) })),
    ...[1, 2, 3].map((s) => ({ entry: 'B' as const, centroidHz: spectralCentroid(bright(ms(30), 0.5, 0.08, s), 0, ms(30), SR) })),
  ]);

  it('measures a sine\'s centroid at its frequency and noise above 3 kHz far higher', () => {
    const sine = Float32Array.from({ length: ms(30) }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / SR));
    assert.ok(Math.abs(spectralCentroid(sine, 0, sine.length, SR) - 1000) < 30);
    assert.ok(refs.A.hz > 200 && refs.A.hz < 400, `A ${refs.A.hz}`);
    assert.ok(refs.B.hz > 4 * refs.A.hz, `B ${refs.B.hz}`);
    assert.ok(separation(refs) > 6);
  });

  it('tells A from B with wide margins, and a half-and-half mix lies between them with a small one', () => {
    const a = classifyAt(dark(ms(40), 0.3), SR, 0, refs);
    const b = classifyAt(bright(ms(40), 0.3, 0.08, 9), SR, 0, refs);
    assert.equal(a.entry, 'A');
    assert.equal(b.entry, 'B');
    assert.ok(a.margin > 0.8 && b.margin > 0.8, `margins ${a.margin} ${b.margin}`);
    const mid = classifyCentroid(refs, Math.sqrt(refs.A.hz * refs.B.hz));
    assert.ok(mid.margin < 0.01, 'the geometric mean is the boundary');
  });

  it('judges the attack, not the previous impact\'s tail under it', () => {
    const x = mixAt(new Float32Array(SR), bright(ms(800), 0.5, 0.1), 0);
    mixAt(x, dark(ms(300), 0.5), ms(300));
    assert.equal(classifyAt(x, SR, ms(300), refs).entry, 'A');
  });

  it('a gate that starts on the previous step and crossfades: the first 10 ms are wrong, the right sound comes with the crossfade', () => {
    const n = ms(200);
    const a = dark(n, 0.5, 0.2);
    const b = bright(n, 0.5, 0.2, 4);
    const fadeAt = ms(25);
    const fade = ms(11.6);
    const x = Float32Array.from({ length: n }, (_, i) => {
      const w = Math.min(1, Math.max(0, (i - fadeAt) / fade));
      return a[i]! * (1 - w) + b[i]! * w;
    });
    assert.equal(classifyAt(x, SR, 0, refs, 10).entry, 'A', 'the attack is the stale entry');
    const right = rightSoundIndex(x, SR, 0, 'B', refs)!;
    assert.ok(right > fadeAt - ms(6) && right < fadeAt + fade + ms(6), `right sound at ${(right / SR) * 1000} ms`);
    assert.equal(rightSoundIndex(b, SR, 0, 'B', refs), 0, 'right from the onset');
    assert.equal(rightSoundIndex(a, SR, 0, 'B', refs), undefined, 'never right');
  });

  it('leaves out a reference sound that is far off the others', () => {
    const samples: Array<{ entry: 'A' | 'B'; centroidHz: number }> = [300, 310, 290, 305, 295, 3000].map((hz) => ({ entry: 'A', centroidHz: hz }));
    const r = buildReferences([...samples, { entry: 'B', centroidHz: 4000 }]);
    assert.equal(r.A.n, 5);
    assert.ok(Math.abs(r.A.hz - 300) < 5);
  });
});
