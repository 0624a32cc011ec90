import { strict as assert } from 'node:assert';
import type { BlockInfo } from '../../../core/engine/block-mixer';
import { LatencyProbe } from '../../../core/engine/latency-probe';

const RATE = 48_000;
const BLOCK = 128;
const blockMs = (BLOCK * 1000) / RATE;

function info(over: Partial<BlockInfo>): BlockInfo {
  return { started: 0, versionHeard: 0, notReady: 0, loopStarted: 0, starved: 0, currentVersion: 0, staleStarts: 0, ...over };
}

describe('LatencyProbe', () => {
  const silent = new Float32Array(BLOCK);
  const loud = new Float32Array(BLOCK).fill(0.5);

  it('does not count a CV change made before anything sounded (issue #25 point 10: a p99 of 979 ms)', () => {
    const probe = new LatencyProbe(RATE);
    probe.cvChange(0, 1);
    // The model's first render (version 1) is ready only after a cold start of about a second.
    let now = 0;
    for (; now < 979; now += blockMs) probe.onBlock(silent, info({}), now);
    probe.onBlock(silent, info({ currentVersion: 1 }), now);
    probe.gateHigh(now);
    probe.onBlock(loud, info({ started: 1, versionHeard: 1, currentVersion: 1 }), now);
    assert.deepEqual(probe.cvToAudibleMs, []);
    assert.equal(probe.cvBeforeSound, 1);
    assert.deepEqual(probe.gateToSoundMs, [0]);
  });

  it('counts a CV change made once the module has sounded, until a render holding it is heard', () => {
    const probe = new LatencyProbe(RATE);
    probe.gateHigh(0);
    probe.onBlock(loud, info({ started: 1, versionHeard: 1, currentVersion: 1 }), 0);
    probe.cvChange(10, 2);
    probe.onBlock(loud, info({ versionHeard: 1, currentVersion: 1 }), 12);
    probe.onBlock(loud, info({ versionHeard: 2, currentVersion: 2 }), 30);
    assert.deepEqual(probe.cvToAudibleMs, [20]);
    assert.equal(probe.cvBeforeSound, 0);
  });
});
