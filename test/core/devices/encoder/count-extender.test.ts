import assert from 'node:assert/strict';
import { CountExtender } from '../../../../core/devices/encoder/count-extender';

/** The raw register after `detents` from `start`, as the firmware keeps it (8 bits). */
const raw = (start: number, detents: number) => (start + detents) & 0xff;

describe('CountExtender (8-bit encoder count to position)', () => {
  it('recovers every change from -128 to +127 between two reads, from any starting count', () => {
    for (const start of [0, 60, 64, 65, 100, 127, -128, -100, -64, -1].map((s) => s & 0xff)) {
      for (const turn of [-128, -127, -100, -65, -1, 0, 1, 64, 65, 100, 127]) {
        const x = new CountExtender(start);
        assert.equal(x.update(raw(start, turn)), turn, `start ${start}, turn ${turn}`);
        assert.equal(x.position, turn);
      }
    }
  });

  it('keeps the position across many wraps', () => {
    const x = new CountExtender(0);
    let r = 0;
    for (let i = 0; i < 40; i++) {
      r = raw(r, 100);
      x.update(r);
    }
    assert.equal(x.position, 4000);
  });

  it('cannot recover 128 or more detents between reads: +200 reads as -56, +128 as -128', () => {
    assert.equal(new CountExtender(0).update(raw(0, 200)), -56);
    assert.equal(new CountExtender(10).update(raw(10, 128)), -128);
    assert.equal(new CountExtender(10).update(raw(10, 256)), 0, 'a full 256 is invisible');
  });

  it('covers what the v1 rule (> 64 to < -64 is a wrap) misses: +100 from 60', () => {
    // The v1 rule sees 60 -> -96 as -156 (no wrap: 60 is not above 64). The modular rule gets +100.
    assert.equal(new CountExtender(60).update(raw(60, 100)), 100);
  });

  it('rebase keeps the position and restarts from a new raw count (the chip was reset)', () => {
    const x = new CountExtender(0);
    x.update(30);
    x.rebase(0);
    x.update(5);
    assert.equal(x.position, 35);
  });
});
