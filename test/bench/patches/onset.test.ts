import { strict as assert } from 'node:assert';
import { EnergyEnvelope } from '../../../bench/patches/energy-envelope';
import { detectOnset } from '../../../bench/patches/onset';
import { bright, dark, mixAt, ms, SR } from './synthetic-sounds';

describe('bench:patches onset detection', () => {
  it('finds an impact out of silence to the sample, with a large rise', () => {
    const x = mixAt(new Float32Array(SR), dark(ms(300)), 12345);
    const o = detectOnset(new EnergyEnvelope(x, SR), ms(200), ms(400))!;
    assert.ok(Math.abs(o.index - 12345) <= 2, `onset at ${o.index}`);
    assert.ok(o.riseDb > 40, `rise ${o.riseDb} dB`);
  });

  it('finds a retrigger over the previous impact\'s tail, within half a millisecond', () => {
    const x = mixAt(new Float32Array(SR), bright(ms(600)), ms(100));
    const at = ms(100) + ms(250); // the tail is about 27 dB under the new attack by then
    mixAt(x, bright(ms(300), 0.5, 0.08, 2), at);
    const o = detectOnset(new EnergyEnvelope(x, SR), at - ms(20), at + ms(100))!;
    assert.ok(o && Math.abs(o.index - at) <= ms(0.5), `onset at ${o?.index}, expected ${at}`);
  });

  it('ignores a tail\'s own wandering and finds nothing where nothing starts', () => {
    const x = mixAt(new Float32Array(SR), bright(ms(900), 0.5, 0.3), ms(50));
    const env = new EnergyEnvelope(x, SR);
    assert.equal(detectOnset(env, ms(300), ms(600)), undefined, 'a decaying noise tail');
    assert.equal(detectOnset(new EnergyEnvelope(new Float32Array(SR), SR), 0, SR), undefined, 'silence');
  });

  it('passes over candidates it is told to skip (sound coming back after a dropout)', () => {
    const x = mixAt(new Float32Array(SR), dark(ms(300)), ms(100));
    const env = new EnergyEnvelope(x, SR);
    assert.equal(detectOnset(env, ms(90), ms(200), { skip: (s) => Math.abs(s - ms(100)) < ms(1) }), undefined);
  });

  it('misses a retrigger no louder than the tail (the analysis then counts it as not found)', () => {
    const x = mixAt(new Float32Array(SR), bright(ms(900), 0.5, 1), 0);
    const at = ms(300);
    mixAt(x, bright(ms(300), 0.2, 0.08, 3), at);
    assert.equal(detectOnset(new EnergyEnvelope(x, SR), at - ms(20), at + ms(100)), undefined);
  });

  it('prefers a clear attack to an earlier small bump (a crossfade between renders)', () => {
    const x = mixAt(new Float32Array(SR), dark(ms(900), 0.001, 1), 0);
    mixAt(x, dark(ms(900), 0.014, 1).map((v, i) => (i < ms(200) ? v : 0)), ms(300)); // a bump of about 23 dB
    const at = ms(340);
    mixAt(x, bright(ms(200), 1), at); // some 38 dB over the bump
    const o = detectOnset(new EnergyEnvelope(x, SR), ms(290), ms(450))!;
    assert.ok(Math.abs(o.index - at) <= ms(0.5), `onset at ${(o.index / SR) * 1000} ms, expected 340`);
  });
});
