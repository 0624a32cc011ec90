import { strict as assert } from 'node:assert';
import { FirstChunkGate } from '../../../core/model-runtime/first-chunk-gate';

describe('FirstChunkGate: first chunks before later ones, urgent ones said apart', () => {
  it('reports pending first chunks and whether one is urgent, as they come and go, in order', () => {
    const calls: string[] = [];
    const gate = new FirstChunkGate((pending, urgent) => calls.push(`${pending ? 'pending' : 'none'}${urgent ? ' urgent' : ''}`));
    gate.enterFirst();
    gate.enterFirst(true);
    gate.enterFirst(true);
    gate.leaveFirst(true);
    gate.leaveFirst(true);
    gate.leaveFirst();
    assert.deepEqual(calls, ['pending', 'pending urgent', 'pending', 'none']);
  });

  it('an urgent chunk alone goes straight from none to urgent and back', () => {
    const calls: string[] = [];
    const gate = new FirstChunkGate((pending, urgent) => calls.push(`${pending}/${urgent}`));
    gate.enterFirst(true);
    gate.leaveFirst(true);
    assert.deepEqual(calls, ['true/true', 'false/false']);
  });

  it('later chunks wait until no first chunk is left, urgent or not', async () => {
    const gate = new FirstChunkGate();
    gate.enterFirst();
    gate.enterFirst(true);
    let cleared = false;
    const waiting = gate.clear().then(() => (cleared = true));
    gate.leaveFirst(true);
    await Promise.resolve();
    assert.equal(cleared, false);
    gate.leaveFirst();
    await waiting;
    assert.equal(cleared, true);
  });

  it('other first chunks wait for the urgent ones only: urgentClear resolves once none is left, whatever else waits', async () => {
    const gate = new FirstChunkGate();
    assert.equal(await Promise.race([gate.urgentClear().then(() => 'clear'), new Promise((r) => setImmediate(() => r('held')))]), 'clear', 'none urgent: at once');
    gate.enterFirst();
    gate.enterFirst(true);
    gate.enterFirst(true);
    let cleared = false;
    const waiting = gate.urgentClear().then(() => (cleared = true));
    gate.leaveFirst(true);
    await new Promise((r) => setImmediate(r));
    assert.equal(cleared, false, 'one urgent chunk still runs');
    gate.leaveFirst(true);
    await waiting;
    assert.equal(cleared, true, 'the last urgent chunk left, though a first chunk still runs');
    assert.equal(gate.pending, true);
    gate.leaveFirst();
    assert.equal(gate.pending, false);
  });
});
