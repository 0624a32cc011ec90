import { strict as assert } from 'node:assert';
import { Worker } from 'node:worker_threads';
import { SpscRing } from '../../../core/shared-memory/spsc-ring';

describe('SpscRing', () => {
  it('keeps order and content across index wrap and counter wrap, all or nothing', () => {
    for (const start of [0, 2 ** 31 - 37, -5]) {
      const ring = new SpscRing(SpscRing.allocate(64));
      ring.resetCounters(start);
      let next = 0;
      let expect = 0;
      for (let round = 0; round < 500; round++) {
        const n = 1 + (round * 7) % 23;
        const src = Float32Array.from({ length: n }, (_, i) => next + i);
        if (ring.push(src)) next += n;
        else assert.ok(ring.availableWrite() < n);
        const m = 1 + (round * 5) % 19;
        const dst = new Float32Array(m);
        if (ring.pop(dst)) {
          for (let i = 0; i < m; i++) assert.equal(dst[i], expect + i);
          expect += m;
        } else assert.ok(ring.availableRead() < m);
        assert.ok(ring.availableRead() <= 64);
      }
      assert.ok(expect > 1000);
    }
  });

  it('refuses a capacity that is not a power of two', () => {
    assert.throws(() => new SpscRing(new SharedArrayBuffer(8 + 4 * 48)), /power of two/);
  });

  it('carries data between threads intact', async () => {
    const ring = new SpscRing(SpscRing.allocate(256));
    const code = `
      const { workerData } = require('node:worker_threads');
      const { SpscRing } = require(${JSON.stringify(require.resolve('../../../core/shared-memory/spsc-ring'))});
      const ring = new SpscRing(workerData);
      const buf = new Float32Array(10);
      for (let v = 0; v < 20000; ) {
        for (let i = 0; i < 10; i++) buf[i] = v + i;
        if (ring.push(buf)) v += 10;
      }`;
    const w = new Worker(code, { eval: true, workerData: ring.buffer });
    const dst = new Float32Array(10);
    let expect = 0;
    const deadline = Date.now() + 10000;
    while (expect < 20000 && Date.now() < deadline) {
      if (ring.pop(dst)) for (let i = 0; i < 10; i++) assert.equal(dst[i], expect++);
    }
    assert.equal(expect, 20000);
    await w.terminate();
  });
});
