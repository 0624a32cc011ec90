import { strict as assert } from 'node:assert';
import { findDropouts } from '../../../bench/patches/dropouts';
import { dark, mixAt, ms, SR } from './synthetic-sounds';

describe('bench:patches dropouts (sound cut off by digital silence)', () => {
  it('finds sound cut to silence and coming back, with where and how long', () => {
    const x = mixAt(new Float32Array(SR), dark(ms(600), 0.5, 1), 0);
    x.fill(0, ms(200), ms(220));
    assert.deepEqual(findDropouts(x, SR), [{ start: ms(200), end: ms(220) }]);
  });

  it('leaves out an impact that dies away, gaps under 1 ms, and sound that stops and stays stopped', () => {
    const x = mixAt(new Float32Array(SR), dark(ms(400), 0.5, 0.03), ms(50));
    for (let i = ms(450); i < x.length; i++) x[i] = 0; // the render's end: long decayed by then
    x.fill(0, ms(150), ms(150) + 20);
    assert.deepEqual(findDropouts(x, SR), []);
    const loop = mixAt(new Float32Array(SR), dark(ms(900), 0.5, 1), 0);
    loop.fill(0, ms(300), ms(600)); // gate 2 released at 300 ms, a new impact at 600 ms
    assert.deepEqual(findDropouts(loop, SR), []);
  });
});
