import { strict as assert } from 'node:assert';
import { decodeNpyFloat32, encodeNpyFloat32, makeOneShot, ONE_SHOT_RULE, splitForHash } from '../../../core/dataset';

describe('one-shot rule', () => {
  it('trims leading and trailing silence to whole hops and normalises the RMS to 0.1', () => {
    const x = new Float32Array(22050 * 2);
    for (let i = 11025; i < 22050; i++) x[i] = 0.01 * Math.sin(i * 0.1); // 0.5 s of tone in the middle of silence
    const r = makeOneShot(x);
    assert.ok(r.ok);
    if (!r.ok) return;
    // a frame is loud when its centred 2048-sample window reaches the tone: the clip is the tone plus
    // at most half a frame each side, rounded out to whole hops
    assert.ok(r.samples.length >= 11025 && r.samples.length <= 11025 + 2048 + 512, `length ${r.samples.length}`);
    assert.ok(r.samples.length < x.length / 2);
    const rms = Math.sqrt(r.samples.reduce((a, v) => a + v * v, 0) / r.samples.length);
    assert.ok(Math.abs(rms - ONE_SHOT_RULE.targetRms) < 1e-4, `rms ${rms}`);
    assert.equal(x[0], 0); // input untouched
  });

  it('limits the peak to 0.99 when RMS normalisation would clip', () => {
    const x = new Float32Array(8192);
    x[100] = 1; // a click: RMS 0.1 would need a gain of ~9
    for (let i = 0; i < x.length; i++) x[i] += 1e-3 * Math.sin(i);
    const r = makeOneShot(x);
    assert.ok(r.ok);
    if (r.ok) assert.ok(Math.abs(Math.max(...r.samples.map(Math.abs)) - 0.99) < 1e-6);
  });

  it('refuses silence and clips shorter than 4096 samples', () => {
    const silent = makeOneShot(new Float32Array(10000));
    assert.ok(!silent.ok && /silent/.test(silent.reason));
    const short = makeOneShot(new Float32Array(3000).fill(0.5));
    assert.ok(!short.ok && /too short/.test(short.reason));
  });

  it('npy round trip keeps shape and values; split is a pure function of the hash', () => {
    const data = Float32Array.from([1, -2.5, 3e-8, 4, 5, 6]);
    const back = decodeNpyFloat32(encodeNpyFloat32(data, [3, 2]), 'x.npy');
    assert.deepEqual(back.shape, [3, 2]);
    assert.deepEqual(Array.from(back.data), Array.from(data));
    const bytes = encodeNpyFloat32(data, [6]);
    assert.equal((10 + new DataView(bytes.buffer).getUint16(8, true)) % 64, 0);
    assert.equal(splitForHash('00000000' + 'f'.repeat(56), 50), 'validation');
    assert.equal(splitForHash('000003e7' + 'f'.repeat(56), 50), 'train'); // 999 % 1000 = 999
  });
});
