import { strict as assert } from 'node:assert';
import { GateStageLog, type GateStages } from '../../../core/engine/gate-stages';

describe('GateStageLog: where a trigger\'s time went', () => {
  it('a gate that plays at once is reported at once; a stepped one when a render of its version (or newer) is published', () => {
    const log = new GateStageLog();
    const seen: GateStages[] = [];
    log.onGate((g) => seen.push(g));
    log.played(100, 100.5, 102, 0);
    assert.deepEqual(seen, [{ edgeMs: 100, detectMs: 0.5, scanMs: 1.5, renderMs: 0, stepped: false }]);
    log.played(200, 200.6, 202.6, 7);
    log.played(300, 300.5, 301.5, 9);
    log.published(6, 205);
    assert.equal(seen.length, 1, 'an older render does not answer a stepped gate');
    log.published(8, 209.6);
    const g = seen[1]!;
    assert.deepEqual([g.edgeMs, g.stepped], [200, true]);
    assert.ok(Math.abs(g.detectMs - 0.6) < 1e-9 && Math.abs(g.scanMs - 2) < 1e-9 && Math.abs(g.renderMs - 7) < 1e-9, JSON.stringify(g));
    assert.equal(seen.length, 2, 'the gate waiting for version 9 still waits');
    log.published(9, 310);
    assert.equal(seen[2]!.renderMs, 8.5);
  });

  it('records nothing (and keeps nothing waiting) while nobody listens', () => {
    const log = new GateStageLog();
    log.played(0, 1, 2, 5);
    const seen: GateStages[] = [];
    log.onGate((g) => seen.push(g));
    log.published(5, 10);
    assert.equal(seen.length, 0);
  });
});
