import { strict as assert } from 'node:assert';
import type { MappingContext } from '../../../core/engine/cv-mapping';
import { fallbackEntries } from '../../../core/engine/default-entries';
import { curveFromHistory } from '../../../plugins/cv-mappings-core/cv-curve';
import { provides } from '../../../plugins/cv-mappings-core/index';
import { morph } from '../../../plugins/cv-mappings-core/interpolate';
import { onsetFrame } from '../../../plugins/cv-mappings-core/transient';
import { vary } from '../../../plugins/cv-mappings-core/variation';

const { a, b } = fallbackEntries();

function ctx(volts: number, extra: Partial<MappingContext> = {}): MappingContext {
  const amount = Math.min(1, Math.max(0, volts / 5));
  return { volts, amount, bipolar: Math.max(-1, Math.min(1, volts / 5)), range: { min: -5, max: 5 }, entryA: a, entryB: b, history: new Float64Array(0), historyHz: 200, seed: 7, params: {}, ...extra };
}

describe('cv-mappings-core', () => {
  it('interpolate gives entry A at 0 V and entry B at the top of the jack', () => {
    assert.deepEqual(provides['interpolate']!.apply(a, ctx(0)).frames, a);
    assert.deepEqual(provides['interpolate']!.apply(a, ctx(5)).frames, b);
    assert.deepEqual(provides['interpolate']!.apply(a, ctx(-3)).frames, a);
  });

  it('interpolate moves the centroid monotonically from A to B', () => {
    const mean = (f: number[][]) => f.reduce((s, x) => s + x[5]!, 0) / f.length;
    const cs = [0, 0.25, 0.5, 0.75, 1].map((t) => mean(morph(a, b, t)));
    for (let i = 1; i < cs.length; i++) assert.ok(cs[i]! > cs[i - 1]!, `centroid ${cs.join(', ')}`);
  });

  it('latent-walk moves along the chosen direction by depth x the bipolar CV, and leaves the curve alone', () => {
    const walk = provides['latent-walk']!;
    assert.deepEqual(walk.apply(a, ctx(0, { params: { direction: 1, depth: 2 } })).latent, [0]);
    assert.deepEqual(walk.apply(a, ctx(5, { params: { direction: 3, depth: 2 } })).latent, [0, 0, 2]);
    assert.deepEqual(walk.apply(a, ctx(-2.5, { params: { direction: 2, depth: 3 } })).latent, [0, -1.5]);
    assert.equal(walk.apply(a, ctx(5, { params: {} })).frames, undefined);
  });

  it('scrub maps 0 V to the start and the top to the end', () => {
    assert.equal(provides['scrub']!.apply(a, ctx(0)).playhead, 0);
    assert.equal(provides['scrub']!.apply(a, ctx(5)).playhead, 1);
    assert.equal(provides['scrub']!.apply(a, ctx(2.5)).playhead, 0.5);
  });

  it('transient leaves 0 V unchanged, sharpens positive and softens negative at the onset', () => {
    const on = onsetFrame(a);
    assert.deepEqual(provides['transient']!.apply(a, ctx(0)).frames, a);
    const sharp = provides['transient']!.apply(a, ctx(5)).frames!;
    const soft = provides['transient']!.apply(a, ctx(-5)).frames!;
    assert.ok(sharp[on]![0]! > a[on]![0]! && soft[on]![0]! < a[on]![0]!);
    assert.ok(sharp[on]![4]! > a[on]![4]!);
  });

  it('variation is reproducible per seed, differs between seeds, and is none at 0 V', () => {
    assert.deepEqual(vary(a, 1, 42, 8, 1), vary(a, 1, 42, 8, 1));
    assert.notDeepEqual(vary(a, 1, 42, 8, 1), vary(a, 1, 43, 8, 1));
    assert.deepEqual(provides['variation']!.apply(a, ctx(0)).frames, a);
    const v = vary(a, 1, 42, 8, 1);
    assert.ok(v.every((f) => f.every(Number.isFinite) && f[0]! >= 0));
  });

  it('cv-curve turns the recent CV history into the chosen descriptor curve', () => {
    const history = Float64Array.from({ length: 400 }, (_, i) => -5 + (10 * i) / 399);
    const out = curveFromHistory(a, { history, historyHz: 200, range: { min: -5, max: 5 } }, 5, 2);
    assert.equal(out.length, a.length);
    assert.ok(Math.abs(out[0]![5]! - 100) < 1e-6 && Math.abs(out[out.length - 1]![5]! - 8000) < 1e-6);
    for (let t = 1; t < out.length; t++) assert.ok(out[t]![5]! >= out[t - 1]![5]!);
    assert.deepEqual(curveFromHistory(a, { history: new Float64Array(0), historyHz: 200, range: { min: -5, max: 5 } }, 5, 2), a);
  });
});
