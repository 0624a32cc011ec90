import { strict as assert } from 'node:assert';
import { SafetyLimiter } from '../../../core/audio/safety-limiter';

describe('SafetyLimiter', () => {
  it('never lets a sample beyond full scale through, whatever comes in', () => {
    const lim = new SafetyLimiter();
    let seed = 1;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    for (let block = 0; block < 500; block++) {
      const buf = Float32Array.from({ length: 128 }, () => rnd() * (block % 7) * 10);
      if (block === 3) buf[5] = NaN;
      if (block === 4) buf[9] = Infinity;
      if (block === 5) buf[9] = -Infinity;
      lim.process(buf);
      for (const s of buf) assert.ok(Number.isFinite(s) && Math.abs(s) <= 1, `sample ${s} in block ${block}`);
    }
  });

  it('leaves quiet signals alone', () => {
    const lim = new SafetyLimiter();
    const buf = Float32Array.from({ length: 256 }, (_, i) => 0.5 * Math.sin(i / 5));
    const copy = buf.slice();
    lim.process(buf);
    for (let i = 0; i < buf.length; i++) assert.ok(Math.abs(buf[i]! - copy[i]!) < 1e-6);
  });
});
