import { strict as assert } from 'node:assert';
import type { BlockListener } from '../../../core/engine/audio-path';
import { BlockListeners } from '../../../core/engine/block-listeners';

const BLOCK = new Float32Array(4);
const INFO = { started: 0, loopStarted: 0, versionHeard: 0, notReady: 0, currentVersion: 0, starved: 0, staleStarts: 0 };

describe('BlockListeners (who an audio path hands its blocks to)', () => {
  it('says when the first listener comes and the last one goes, once each', () => {
    const changes: boolean[] = [];
    const listeners = new BlockListeners((on) => changes.push(on));
    assert.equal(listeners.listening, false);
    const offA = listeners.add(() => undefined);
    const offB = listeners.add(() => undefined);
    assert.equal(listeners.listening, true);
    offA();
    assert.deepEqual(changes, [true], 'one of two left: still listening');
    offB();
    assert.equal(listeners.listening, false);
    assert.deepEqual(changes, [true, false]);
  });

  it('hands each block to every listener in the order they came', () => {
    const listeners = new BlockListeners();
    const heard: string[] = [];
    listeners.add((_b, _i, t) => heard.push(`a${t}`));
    listeners.add((_b, _i, t) => heard.push(`b${t}`));
    listeners.emit(BLOCK, INFO, 1);
    listeners.emit(BLOCK, INFO, 2);
    assert.deepEqual(heard, ['a1', 'b1', 'a2', 'b2']);
  });

  it('finishes a block with the listeners it started with when one leaves while it runs', () => {
    const listeners = new BlockListeners();
    const heard: string[] = [];
    let offB: () => void = () => undefined;
    listeners.add(() => {
      heard.push('a');
      offB();
    });
    offB = listeners.add(() => heard.push('b'));
    listeners.emit(BLOCK, INFO, 0);
    listeners.emit(BLOCK, INFO, 0);
    assert.deepEqual(heard, ['a', 'b', 'a'], 'b hears the block during which it left, not the next');
  });

  it('removes one subscription per unsubscribe, however often it is called', () => {
    const changes: boolean[] = [];
    const listeners = new BlockListeners((on) => changes.push(on));
    let calls = 0;
    const same: BlockListener = () => calls++;
    const first = listeners.add(same);
    const second = listeners.add(same);
    first();
    first();
    listeners.emit(BLOCK, INFO, 0);
    assert.equal(calls, 1, 'the second subscription of the same function still hears');
    assert.equal(listeners.listening, true);
    second();
    assert.equal(listeners.listening, false);
    assert.deepEqual(changes, [true, false]);
  });
});
