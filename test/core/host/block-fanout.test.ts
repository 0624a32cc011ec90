import { strict as assert } from 'node:assert';
import type { BlockListener } from '../../../core/engine/audio-path';
import type { BlockInfo } from '../../../core/engine/block-mixer';
import { OutputLevels } from '../../../core/engine/output-levels';
import type { AudioObserver } from '../../../core/engine/audio-thread';
import { BlockFanout } from '../../../core/host/block-fanout';

/** An audio path's observing side that counts who listens (the fan-out's only dependency). */
function countingAudio() {
  let listeners: BlockListener[] = [];
  const info = { started: 0, loopStarted: 0, versionHeard: 0, notReady: 0, currentVersion: 0, starved: 0, staleStarts: 0 } satisfies BlockInfo & { currentVersion: number };
  const audio: AudioObserver = {
    blockSize: 4, sampleRate: 22050, xruns: 0, underrunRecords: () => [], blocksProduced: 0, levels: new OutputLevels(),
    get listening() { return listeners.length > 0; },
    onBlock(l) {
      listeners.push(l);
      return () => void (listeners = listeners.filter((x) => x !== l));
    },
  };
  const play = (block: Float32Array) => listeners.forEach((l) => l(block, info, 0));
  return { audio, play, count: () => listeners.length };
}

describe('BlockFanout (the panel\'s audio feed over the audio path\'s blocks)', () => {
  it('listens to the audio path only while it has listeners of its own', () => {
    const a = countingAudio();
    const fanout = new BlockFanout(a.audio);
    assert.equal(a.count(), 0, 'nobody subscribed: the audio path is not listened to');
    const got: number[] = [];
    const stop1 = fanout.onBlock((b) => void got.push(b[0]!));
    const stop2 = fanout.onBlock((b) => void got.push(-b[0]!));
    assert.equal(a.count(), 1, 'one subscription for any number of listeners');
    a.play(Float32Array.of(1, 0, 0, 0));
    assert.deepEqual(got, [1, -1]);
    stop1();
    assert.equal(a.count(), 1);
    stop2();
    assert.equal(a.count(), 0, 'the last listener gone, the subscription goes');
    fanout.onBlock(() => undefined);
    assert.equal(a.count(), 1, 'and comes back with the next');
  });

  it('drops a listener that throws, never the audio, and lets go of the path when it was the last', () => {
    const a = countingAudio();
    const fanout = new BlockFanout(a.audio);
    fanout.onBlock(() => {
      throw new Error('a client went away mid-block');
    });
    a.play(new Float32Array(4));
    assert.equal(a.count(), 0);
  });
});
