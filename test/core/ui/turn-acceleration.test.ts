import assert from 'node:assert/strict';
import { TurnAcceleration } from '../../../core/ui/turn-acceleration';

describe('TurnAcceleration', () => {
  it('steps one per detent when turned slowly and more when turned fast', () => {
    const a = new TurnAcceleration();
    assert.equal(a.apply(1, 0), 1);
    assert.equal(a.apply(1, 500), 1);
    assert.equal(a.apply(-1, 1000), -1);
    assert.equal(a.apply(1, 1080), 2); // 12.5 detents/s
    assert.equal(a.apply(1, 1120), 4); // 25/s
    assert.equal(a.apply(3, 1140), 24); // 150/s
  });
});
